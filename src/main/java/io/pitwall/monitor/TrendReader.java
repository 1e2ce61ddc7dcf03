package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.profile.Profile;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.QueueTrend;
import io.pitwall.sql.TaskColumns;
import io.pitwall.sql.TrendQuery;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads each queue's last hour: finished and failed per minute, and the age of its oldest queued task. */
public final class TrendReader {

    private final PlanCheck plans = new PlanCheck();

    /**
     * On a table above {@link io.pitwall.sql.CountQuery#FULL_COUNT_LIMIT} rows a trend query runs only where an
     * index serves it (asked of the planner with sequential scans off, as for counts); otherwise it is not read
     * and the trend says why, since this read repeats every few seconds.
     */
    public List<QueueTrend> read(DataSource dataSource, List<Binding> bindings) throws SQLException {
        QueueTrend[] trends = new QueueTrend[bindings.size()];
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Instant now;
                try (PreparedStatement statement = connection.prepareStatement("SELECT now()");
                     ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    now = rows.getObject(1, OffsetDateTime.class).toInstant();
                }
                Map<String, Long> sizes = sizes(connection, bindings);
                List<Integer> big = new ArrayList<>();
                for (int i = 0; i < bindings.size(); i++) {
                    if (sizes.getOrDefault(bindings.get(i).qualifiedTable(), 0L) > io.pitwall.sql.CountQuery.FULL_COUNT_LIMIT) {
                        big.add(i);
                    } else {
                        trends[i] = read(connection, bindings.get(i), now, false);
                    }
                }
                if (!big.isEmpty()) {
                    try (java.sql.Statement statement = connection.createStatement()) {
                        statement.execute("SET LOCAL enable_seqscan = off");
                    }
                    for (int i : big) {
                        trends[i] = read(connection, bindings.get(i), now, true);
                    }
                }
            } finally {
                connection.rollback();
                if (autoCommit) {
                    connection.setAutoCommit(true);
                }
            }
        }
        return List.of(trends);
    }

    private static Map<String, Long> sizes(Connection connection, List<Binding> bindings) throws SQLException {
        Map<String, Long> sizes = new java.util.HashMap<>();
        Array names = connection.createArrayOf("text", bindings.stream().map(Binding::qualifiedTable).toArray());
        try (PreparedStatement statement = connection.prepareStatement(io.pitwall.sql.CountQuery.ESTIMATED_ROWS)) {
            statement.setArray(1, names);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sizes.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return sizes;
    }

    private boolean served(Connection connection, Binding binding, String predicate) throws SQLException {
        return plans.check(connection, binding, predicate).served();
    }

    private QueueTrend read(Connection connection, Binding binding, Instant now, boolean big) throws SQLException {
        Profile profile = binding.profile();
        String throughputSql = TrendQuery.throughput(binding.qualifiedTable(), binding.tasks());
        List<QueueTrend.MinuteCount> minutes = new ArrayList<>();
        String unread = null;
        if (throughputSql != null && big && !served(connection, binding, TrendQuery.throughputWhere(binding.tasks()))) {
            unread = "Per minute: not read, no index on the finish time serves it on this big table";
            throughputSql = null;
        }
        if (throughputSql != null) {
            Map<Instant, long[]> byMinute = new TreeMap<>();
            try (PreparedStatement statement = connection.prepareStatement(throughputSql);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    CanonicalState state = profile.canonical(rows.getString(2));
                    if (state != CanonicalState.SUCCEEDED && state != CanonicalState.FAILED) {
                        continue;
                    }
                    Instant minute = rows.getObject(1, OffsetDateTime.class).toInstant();
                    byMinute.computeIfAbsent(minute, m -> new long[2])[state == CanonicalState.SUCCEEDED ? 0 : 1]
                            += rows.getLong(3);
                }
            }
            byMinute.forEach((minute, n) -> minutes.add(new QueueTrend.MinuteCount(minute, n[0], n[1])));
        }
        Instant oldest = null;
        String oldestSql = TrendQuery.oldestQueued(binding.qualifiedTable(), binding.tasks());
        List<String> queuedStates = profile.states().entrySet().stream()
                .filter(e -> e.getValue() == CanonicalState.QUEUED).map(Map.Entry::getKey).toList();
        if (oldestSql != null && !queuedStates.isEmpty() && big && !served(connection, binding,
                TaskColumns.expr(binding.tasks().state()) + "::text IN (" + queuedStates.stream()
                        .map(s -> "'" + s.replace("'", "''") + "'").collect(java.util.stream.Collectors.joining(", ")) + ")")) {
            oldestSql = null; // the oldest queued task cannot be found cheaply here: leave it out
        }
        if (oldestSql != null && !queuedStates.isEmpty()) {
            Array states = connection.createArrayOf("text", queuedStates.toArray());
            try (PreparedStatement statement = connection.prepareStatement(oldestSql)) {
                statement.setArray(1, states);
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        oldest = PipelineReader.instant(rows.getObject(1, OffsetDateTime.class));
                    }
                }
            }
        }
        return new QueueTrend(profile.id(), binding.where(), now, minutes, oldest,
                TrendQuery.throughput(binding.qualifiedTable(), binding.tasks()) != null, unread);
    }
}
