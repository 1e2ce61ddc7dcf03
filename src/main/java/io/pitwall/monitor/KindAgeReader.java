package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.KindAge;
import io.pitwall.sql.KindAgeQuery;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the oldest queued task of every kind of every queue; a queue without a creation time has none. */
public final class KindAgeReader {

    public List<KindAge> read(DataSource dataSource, List<Binding> bindings) throws SQLException {
        List<KindAge> ages = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            Instant now;
            try (PreparedStatement statement = connection.prepareStatement("SELECT now()");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                now = rows.getObject(1, OffsetDateTime.class).toInstant();
            }
            for (Binding binding : bindings) {
                String sql = KindAgeQuery.oldestQueuedByKind(binding.qualifiedTable(), binding.tasks());
                List<String> queued = binding.profile().states().entrySet().stream()
                        .filter(e -> e.getValue() == CanonicalState.QUEUED).map(Map.Entry::getKey).toList();
                if (sql == null || queued.isEmpty()) {
                    continue;
                }
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setArray(1, connection.createArrayOf("text", queued.toArray()));
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            Instant oldest = PipelineReader.instant(rows.getObject(2, OffsetDateTime.class));
                            if (oldest != null) {
                                String kind = rows.getString(1);
                                ages.add(new KindAge(binding.profile().id(), binding.where(), kind == null ? "" : kind,
                                        oldest, now));
                            }
                        }
                    }
                }
            }
        }
        return ages;
    }
}
