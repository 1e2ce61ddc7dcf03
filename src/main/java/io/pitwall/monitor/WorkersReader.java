package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.WorkerSummary;
import io.pitwall.sql.WorkersQuery;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Lease holders and worker ids with what they hold now; profiles without an owner field have none. */
public final class WorkersReader {

    public static final int LIMIT = 500;

    public List<WorkerSummary> read(DataSource dataSource, List<Binding> bindings) throws SQLException {
        List<WorkerSummary> workers = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (Binding binding : bindings) {
                List<String> running = binding.profile().rawStates(CanonicalState.RUNNING);
                if (binding.tasks().owner() == null || running.isEmpty()) {
                    continue;
                }
                String sql = WorkersQuery.build(binding.qualifiedTable(), binding.tasks(), LIMIT);
                try (PreparedStatement statement = Statements.prepare(connection, sql,
                        List.<Object>of((Object) running.toArray(String[]::new))); ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        workers.add(new WorkerSummary(binding.profile().id(), binding.where(), rows.getString(1),
                                rows.getLong(2), texts(rows.getArray(3)), Statements.instant(rows.getTimestamp(4)),
                                texts(rows.getArray(5))));
                    }
                }
            }
        }
        return workers;
    }

    private static List<String> texts(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).filter(Objects::nonNull).map(Object::toString).toList();
    }
}
