package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.StateCounts;
import io.pitwall.queue.StatusSnapshot;
import io.pitwall.sql.CountQuery;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads task counts per canonical state and kind. Costs one planner-estimate query plus one grouped count per
 * queue; tables above {@link CountQuery#EXACT_LIMIT} rows are sampled and marked estimated.
 */
public final class StatusReader {

    private static final String ESTIMATES = """
            SELECT name, coalesce(greatest(c.reltuples, 0), 0)::bigint
              FROM unnest(?::text[]) AS name
              LEFT JOIN pg_catalog.pg_class c ON c.oid = to_regclass(name)
            """;

    public StatusSnapshot read(DataSource dataSource, List<Binding> bindings) throws SQLException {
        Instant start = Instant.now();
        List<QueueStatus> queues = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Long> estimates = estimatedRows(connection, bindings);
            for (Binding binding : bindings) {
                queues.add(count(connection, binding, estimates.getOrDefault(binding.qualifiedTable(), 0L)));
            }
        }
        return new StatusSnapshot(start, Duration.between(start, Instant.now()), queues);
    }

    private static Map<String, Long> estimatedRows(Connection connection, List<Binding> bindings) throws SQLException {
        Map<String, Long> estimates = new HashMap<>();
        Array names = connection.createArrayOf("text", bindings.stream().map(Binding::qualifiedTable).toArray());
        try (PreparedStatement statement = connection.prepareStatement(ESTIMATES)) {
            statement.setArray(1, names);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    estimates.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return estimates;
    }

    private static QueueStatus count(Connection connection, Binding binding, long estimatedRows) throws SQLException {
        boolean sampled = estimatedRows > CountQuery.EXACT_LIMIT;
        double percent = sampled ? CountQuery.samplePercent(estimatedRows) : 100.0;
        String sql = sampled
                ? CountQuery.sampled(binding.qualifiedTable(), binding.tasks(), percent)
                : CountQuery.exact(binding.qualifiedTable(), binding.tasks());
        double scale = 100.0 / percent;
        CountRows counts = new CountRows(binding.profile());
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                counts.add(rows.getString(1), rows.getString(2), rows.getString(3), Math.round(rows.getLong(4) * scale));
            }
        }
        return new QueueStatus(binding.profile().id(), binding.displayName(), binding.where(), binding.queue(),
                counts.total(), sampled, counts.kinds(), counts.raw(), counts.queues());
    }
}
