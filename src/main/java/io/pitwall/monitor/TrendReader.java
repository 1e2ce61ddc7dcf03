package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.profile.Profile;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.QueueTrend;
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

    public List<QueueTrend> read(DataSource dataSource, List<Binding> bindings) throws SQLException {
        List<QueueTrend> trends = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            Instant now;
            try (PreparedStatement statement = connection.prepareStatement("SELECT now()");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                now = rows.getObject(1, OffsetDateTime.class).toInstant();
            }
            for (Binding binding : bindings) {
                trends.add(read(connection, binding, now));
            }
        }
        return trends;
    }

    private static QueueTrend read(Connection connection, Binding binding, Instant now) throws SQLException {
        Profile profile = binding.profile();
        String throughputSql = TrendQuery.throughput(binding.qualifiedTable(), binding.tasks());
        List<QueueTrend.MinuteCount> minutes = new ArrayList<>();
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
        return new QueueTrend(profile.id(), binding.where(), now, minutes, oldest, throughputSql != null);
    }
}
