package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.profile.Profile;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.CountAccuracy;
import io.pitwall.queue.MissingIndex;
import io.pitwall.sql.CountQuery;
import io.pitwall.sql.CountSpec;
import io.pitwall.sql.TaskColumns;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    /**
     * In the console, failed rows the planner expects beyond this many are counted in the background (every
     * {@link BackgroundCounts#INDEX_FLOOR} or so) rather than with every refresh, which then costs what the active
     * rows cost. A one-shot read ({@code status}, {@code check}, {@code metrics}) counts them exactly while the index
     * holds no more than this many (or the profile's lower {@code exactBelow}), and estimates them beyond.
     */
    static final long REFRESH_FAILED_BELOW = 1_000;

    private final Binding binding;
    private final TaskColumns columns;
    private final CountSpec.Predicate active;
    private final CountSpec.Predicate failed;
    final CountRows rows;
    final Map<CanonicalState, CountAccuracy> accuracy = new EnumMap<>(CanonicalState.class);
    final List<MissingIndex> missing = new ArrayList<>();
    /** After a one-shot read found more failed rows than it counts: the least its estimate may say. */
    private long failedFloor;

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

    /** Which of the profile's predicates no index serves here. */
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

    /**
     * Reads the counts in one statement: the union of the counts of each index-served predicate (one branch each,
     * so each stays an index-only read where a single {@code OR} would become a BitmapOr through the heap:
     * measured 25 ms against 2 + 4 ms on 100,000 rows). Plans come from {@code plans}, kept for a minute.
     */
    void read(Connection connection, PlanCheck plans) throws SQLException {
        read(connection, plans, null, null);
    }

    /**
     * With {@code background} (the console's): failed rows beyond {@link #REFRESH_FAILED_BELOW} are counted from
     * their index in the background rather than with every refresh, and every state not counted now takes the
     * latest background count of the whole table, with its age, before the planner's estimate.
     */
    void read(Connection connection, PlanCheck plans, BackgroundCounts background, DataSource dataSource)
            throws SQLException {
        List<Part> parts = new ArrayList<>();
        if (active != null) {
            PlanCheck.Result plan = plans.check(connection, binding, active.where());
            if (plan.served()) {
                parts.add(new Part(active.where(), activeRawStates(binding.profile()), plan.natural()));
            } else {
                missing.add(new MissingIndex("active", binding.where(), active.where(), active.index()));
            }
        }
        List<String> failedRaw = failed == null ? List.of() : binding.profile().rawStates(CanonicalState.FAILED);
        Set<String> counted = new HashSet<>();
        if (failed != null) {
            PlanCheck.Result plan = plans.check(connection, binding, failed.where());
            if (!plan.served()) {
                missing.add(new MissingIndex("failed", binding.where(), failed.where(), failed.index()));
            } else if (background != null && plan.rows() >= REFRESH_FAILED_BELOW) {
                Part part = new Part(failed.where(), failedRaw, plan.natural());
                BackgroundCounts.Result result = background.latest(dataSource, new BackgroundCounts.Job(
                        binding.qualifiedTable() + "\nfailed", CountQuery.union(binding.qualifiedTable(), columns,
                        List.of(part.where())), "index", BackgroundCounts.INDEX_FLOOR, true));
                if (result != null) {
                    addCounted(result, failedRaw, "index", counted);
                }
            } else if (background != null) {
                parts.add(new Part(failed.where(), failedRaw, plan.natural()));
            } else {
                // One-shot (status, check, metrics): exact only where few, as a console refresh counts them, and
                // few is read from the index itself (at most bound + 1 entries), not from the statistics.
                long bound = Math.min(failed.exactBelow(), REFRESH_FAILED_BELOW);
                if (atMost(connection, failed.where(), plan.natural(), bound)) {
                    parts.add(new Part(failed.where(), failedRaw, plan.natural()));
                } else {
                    failedFloor = bound + 1;
                }
            }
        }
        if (!parts.isEmpty()) {
            countExactly(connection, parts, counted);
        }
        if (background != null) {
            BackgroundCounts.Result whole = background.latest(dataSource, new BackgroundCounts.Job(
                    binding.qualifiedTable() + "\nall", "SELECT 0 AS part, c.* FROM (" + CountQuery.exact(
                    binding.qualifiedTable(), columns) + ") c", "full count", BackgroundCounts.FULL_COUNT_FLOOR, false));
            if (whole != null) {
                addCounted(whole, binding.profile().states().keySet().stream()
                        .filter(raw -> !counted.contains(raw)).toList(), "full count", counted);
                // Values the state map does not know are UNKNOWN: the whole count has them too.
                whole.raw().forEach((raw, n) -> {
                    if (!binding.profile().states().containsKey(raw) && !rows.raw().containsKey(raw)) {
                        rows.addEstimate(raw, n);
                    }
                });
                mark(CanonicalState.UNKNOWN, CountAccuracy.counted("full count", whole.at()));
            }
        }
        for (String raw : binding.profile().states().keySet().stream().sorted().toList()) {
            if (counted.contains(raw)) {
                continue;
            }
            String predicate = binding.profile().counts().estimateFor(raw, columns, binding.schema(), binding.table(),
                    binding.queue());
            long estimate = plans.estimate(connection, binding, predicate);
            // The planner never estimates fewer than one row; one is as likely none.
            estimate = estimate <= 1 ? 0 : estimate;
            if (failedFloor > 0 && failedRaw.contains(raw)) {
                // More failed rows than the bound were found: a stale statistic must not show fewer.
                estimate = Math.max(estimate, failedFloor);
                failedFloor = 0;
            }
            rows.addEstimate(raw, estimate);
            mark(binding.profile().canonical(raw), CountAccuracy.PLANNER);
        }
        for (CanonicalState state : CanonicalState.values()) {
            accuracy.putIfAbsent(state, state == CanonicalState.UNKNOWN ? CountAccuracy.PLANNER : CountAccuracy.FROM_INDEX);
        }
    }

    /**
     * Whether {@code where} holds at most {@code bound} rows, reading no more than {@code bound + 1} of them (from
     * the index that serves it: a stale statistic must not make it scan the table).
     */
    private boolean atMost(Connection connection, String where, boolean natural, long bound) throws SQLException {
        if (!natural) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL enable_seqscan = off");
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM "
                + binding.qualifiedTable() + " t WHERE " + where + " LIMIT " + (bound + 1) + ") few");
             ResultSet result = statement.executeQuery()) {
            return result.next() && result.getLong(1) <= bound;
        }
    }

    /** Raw states taken from a background count: totals only (no breakdown), labelled with the count's age. */
    private void addCounted(BackgroundCounts.Result result, List<String> rawStates, String source, Set<String> counted) {
        for (String raw : rawStates) {
            if (counted.add(raw)) {
                long n = result.raw().getOrDefault(raw, 0L);
                rows.addEstimate(raw, n);
                mark(binding.profile().canonical(raw), CountAccuracy.counted(source, result.at()));
            }
        }
    }

    /** One predicate counted exactly, the raw states it stands for, and whether its plan needs no forcing. */
    private record Part(String where, List<String> rawStates, boolean natural) {
    }

    private void countExactly(Connection connection, List<Part> parts, Set<String> counted) throws SQLException {
        if (!parts.stream().allMatch(Part::natural)) {
            // The statistics would have this count scan the table: a stale statistic must not cost a full scan.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL enable_seqscan = off");
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(CountQuery.union(binding.qualifiedTable(),
                columns, parts.stream().map(Part::where).toList()));
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                Part part = parts.get(result.getInt(1));
                String raw = result.getString(4);
                boolean known = raw != null && binding.profile().states().containsKey(raw);
                if (known && !part.rawStates().contains(raw)) {
                    continue; // rows of another predicate's states: each raw state is counted once, by its own
                }
                rows.add(result.getString(2), result.getString(3), raw, result.getLong(5));
                if (!known) {
                    mark(CanonicalState.UNKNOWN, CountAccuracy.FROM_INDEX);
                }
            }
        }
        for (Part part : parts) {
            counted.addAll(part.rawStates());
            part.rawStates().forEach(raw -> mark(binding.profile().canonical(raw), CountAccuracy.FROM_INDEX));
        }
    }

    private void mark(CanonicalState state, CountAccuracy how) {
        accuracy.merge(state, how, CountAccuracy::worst);
    }
}
