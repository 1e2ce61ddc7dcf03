package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.WorkerSummary;
import io.pitwall.sql.Identifiers;
import io.pitwall.sql.WorkerSource;
import io.pitwall.sql.WorkersQuery;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Lease holders and worker ids with what they hold now (profiles without leases have none), joined with the nodes
 * a profile's worker sources register. Quietest first within each queue.
 */
public final class WorkersReader {

    public static final int LIMIT = 500;

    public List<WorkerSummary> read(DataSource dataSource, List<Binding> bindings) throws SQLException {
        List<WorkerSummary> workers = new ArrayList<>();
        Set<String> sourcesRead = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            for (Binding binding : bindings) {
                List<WorkerSummary> mine = new ArrayList<>(holders(connection, binding));
                for (WorkerSource source : binding.profile().workers()) {
                    // A registry is per schema: per-queue bindings of one schema share it.
                    if (sourcesRead.add(binding.profile().id() + "\u0000" + binding.schema() + "\u0000" + source.table())
                            && allExist(connection, binding.schema(), source)) {
                        registered(connection, binding, source, mine);
                    }
                }
                mine.sort(Comparator.comparing(WorkerSummary::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(WorkerSummary::worker));
                workers.addAll(mine);
            }
        }
        return workers;
    }

    private static List<WorkerSummary> holders(Connection connection, Binding binding) throws SQLException {
        List<WorkerSummary> workers = new ArrayList<>();
        List<String> running = binding.profile().rawStates(CanonicalState.RUNNING);
        // An owner with no claim time or heartbeat is not a lease holder (cloud.gov's owner is the service instance).
        var tasks = binding.tasks();
        if (tasks.owner() == null || (tasks.claimedAt() == null && tasks.heartbeat() == null) || running.isEmpty()) {
            return workers;
        }
        String sql = WorkersQuery.build(binding.qualifiedTable(), tasks, LIMIT);
        try (PreparedStatement statement = Statements.prepare(connection, sql,
                List.<Object>of((Object) running.toArray(String[]::new))); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                workers.add(new WorkerSummary(binding.profile().id(), binding.where(), rows.getString(1),
                        rows.getLong(2), texts(rows.getArray(3)), Statements.instant(rows.getTimestamp(4)),
                        texts(rows.getArray(5))));
            }
        }
        return workers;
    }

    /** Registered nodes join the holders: a node that holds nothing still shows, with its last heartbeat. */
    private static void registered(Connection connection, Binding binding, WorkerSource source, List<WorkerSummary> workers)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(source.query(binding.schema(), LIMIT));
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String name = rows.getString(1);
                Instant seen = Statements.instant(rows.getTimestamp(2));
                String detail = rows.getString(3);
                int at = -1;
                for (int i = 0; i < workers.size(); i++) {
                    if (workers.get(i).worker().equals(name)) {
                        at = i;
                    }
                }
                if (at < 0) {
                    workers.add(new WorkerSummary(binding.profile().id(), binding.where(), name, 0,
                            detail == null ? List.of() : List.of(detail), seen, List.of()));
                } else {
                    WorkerSummary held = workers.get(at);
                    Instant latest = held.lastSeen() == null || (seen != null && seen.isAfter(held.lastSeen())) ? seen : held.lastSeen();
                    List<String> kinds = new ArrayList<>(held.kinds());
                    if (detail != null) {
                        kinds.add(detail);
                    }
                    workers.set(at, new WorkerSummary(held.profileId(), held.where(), name, held.holding(), kinds, latest,
                            held.taskIds()));
                }
            }
        }
    }

    private static boolean allExist(Connection connection, String schema, WorkerSource source) throws SQLException {
        List<String> tables = new ArrayList<>(source.requires());
        tables.add(source.table());
        for (String table : tables) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                statement.setString(1, Identifiers.qualified(schema, table));
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next() || !rows.getBoolean(1)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static List<String> texts(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).filter(Objects::nonNull).map(Object::toString).toList();
    }
}
