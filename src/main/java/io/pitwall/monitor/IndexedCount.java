package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.profile.Profile;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.CountAccuracy;
import io.pitwall.queue.MissingIndex;
import io.pitwall.sql.CountQuery;
import io.pitwall.sql.CountSpec;
import io.pitwall.sql.TaskColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts one big table at the cost of its active rows: the non-terminal states exactly from the index that serves
 * the profile's active predicate, the failed exactly while few, and every other state by the planner's estimate.
 * Where no index serves a predicate its states are estimated too and the missing index is reported; an exact
 * label is only ever given to a number counted now.
 */
final class IndexedCount {

    private final Binding binding;
    private final TaskColumns columns;
    private final CountSpec.Predicate active;
    private final CountSpec.Predicate failed;
    final CountRows rows;
    final Map<CanonicalState, CountAccuracy> accuracy = new EnumMap<>(CanonicalState.class);
    final List<MissingIndex> missing = new ArrayList<>();

    IndexedCount(Binding binding) {
        this.binding = binding;
        this.columns = binding.tasks();
        Profile profile = binding.profile();
        this.active = profile.counts().activeFor(columns, activeRawStates(profile), binding.schema(), binding.table(),
                binding.queue());
        this.failed = profile.counts().failedFor(columns, profile.rawStates(CanonicalState.FAILED), binding.schema(),
                binding.table(), binding.queue());
        this.rows = new CountRows(profile);
    }

    static List<String> activeRawStates(Profile profile) {
        return profile.states().entrySet().stream().filter(e -> e.getValue().isActive()).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** Which of the profile's predicates no index serves here; the caller's transaction has seq scans off. */
    List<MissingIndex> missingIndexes(Connection connection, PlanCheck plans) throws SQLException {
        List<MissingIndex> found = new ArrayList<>();
        if (active != null && !plans.check(connection, binding, active.where()).served()) {
            found.add(new MissingIndex("active", binding.where(), active.where(), active.index()));
        }
        if (failed != null && !plans.check(connection, binding, failed.where()).served()) {
            found.add(new MissingIndex("failed", binding.where(), failed.where(), failed.index()));
        }
        return found;
    }

    /** Reads the counts; the caller's transaction has {@code enable_seqscan = off}. */
    void read(Connection connection, PlanCheck plans) throws SQLException {
        Set<String> counted = new HashSet<>();
        // One query per predicate: a union of the two reads the heap through a BitmapOr where each alone is an
        // index-only scan (measured: 25 ms against 2 + 4 ms on 100,000 rows).
        if (active != null) {
            if (plans.check(connection, binding, active.where()).served()) {
                countExactly(connection, active.where(), activeRawStates(binding.profile()), counted);
            } else {
                missing.add(new MissingIndex("active", binding.where(), active.where(), active.index()));
            }
        }
        if (failed != null) {
            PlanCheck.Result plan = plans.check(connection, binding, failed.where());
            if (!plan.served()) {
                missing.add(new MissingIndex("failed", binding.where(), failed.where(), failed.index()));
            } else if (plan.rows() < failed.exactBelow()) {
                countExactly(connection, failed.where(), binding.profile().rawStates(CanonicalState.FAILED), counted);
            }
        }
        for (String raw : binding.profile().states().keySet().stream().sorted().toList()) {
            if (counted.contains(raw)) {
                continue;
            }
            String predicate = binding.profile().counts().estimateFor(raw, columns, binding.schema(), binding.table(),
                    binding.queue());
            long estimate = plans.check(connection, binding, predicate).rows();
            // The planner never estimates fewer than one row; one is as likely none.
            rows.addEstimate(raw, estimate <= 1 ? 0 : estimate);
            mark(binding.profile().canonical(raw), CountAccuracy.PLANNER);
        }
        for (CanonicalState state : CanonicalState.values()) {
            accuracy.putIfAbsent(state, state == CanonicalState.UNKNOWN ? CountAccuracy.PLANNER : CountAccuracy.FROM_INDEX);
        }
    }

    private void countExactly(Connection connection, String predicate, List<String> rawStates, Set<String> counted)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                CountQuery.where(binding.qualifiedTable(), columns, predicate));
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                String raw = result.getString(3);
                boolean known = raw != null && binding.profile().states().containsKey(raw);
                if (counted.contains(raw) || (known && !rawStates.contains(raw))) {
                    continue; // rows of another predicate's states: each raw state is counted once, by its own
                }
                rows.add(result.getString(1), result.getString(2), raw, result.getLong(4));
                if (!known) {
                    mark(CanonicalState.UNKNOWN, CountAccuracy.FROM_INDEX);
                }
            }
        }
        counted.addAll(rawStates);
        rawStates.forEach(raw -> mark(binding.profile().canonical(raw), CountAccuracy.FROM_INDEX));
    }

    private void mark(CanonicalState state, CountAccuracy how) {
        accuracy.merge(state, how, CountAccuracy::worst);
    }
}
