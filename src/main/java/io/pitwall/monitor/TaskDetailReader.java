package io.pitwall.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.profile.Binding;
import io.pitwall.queue.TaskDetail;
import io.pitwall.sql.Identifiers;
import io.pitwall.sql.TaskColumns;
import io.pitwall.sql.TaskDetailQuery;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one task by id, with everything the profile knows how to find. */
public final class TaskDetailReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Optional<TaskDetail> read(DataSource dataSource, Binding binding, String taskId) throws SQLException {
        TaskColumns tasks = binding.tasks();
        try (Connection connection = dataSource.getConnection()) {
            if (!KeyFit.idFits(connection, binding, taskId)) {
                return Optional.empty(); // "abc" as a bigint id names no task
            }
            String idType = Identifiers.isPlainColumn(tasks.id()) ? idType(connection, binding) : null;
            String sql = TaskDetailQuery.build(binding.qualifiedTable(), tasks, idType);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, taskId);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(detail(binding, rows));
                }
            }
        }
    }

    private static String idType(Connection connection, Binding binding) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TaskDetailQuery.ID_TYPE)) {
            statement.setString(1, binding.qualifiedTable());
            statement.setString(2, binding.tasks().id());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static TaskDetail detail(Binding binding, ResultSet rows) throws SQLException {
        Map<String, Instant> timestamps = new LinkedHashMap<>();
        for (int i = 0; i < TaskDetailQuery.TIMESTAMPS.size(); i++) {
            Instant at = Statements.instant(rows.getTimestamp(10 + i));
            if (at != null) {
                timestamps.put(binding.profile().label(TaskDetailQuery.TIMESTAMPS.get(i)), at);
            }
        }
        String rawState = rows.getString(3);
        return new TaskDetail(binding.profile().id(), binding.where(), rows.getString(1), rows.getString(2),
                binding.profile().canonical(rawState), rawState, rows.getString(4), Statements.integer(rows, 5),
                Statements.integer(rows, 6), rows.getString(7), pretty(rows.getString(8)), rows.getString(9),
                timestamps, pretty(rows.getString(16)), List.of());
    }

    /** Pretty JSON for a person; text that is not JSON is shown as it is. */
    static String pretty(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node == null || node.isMissingNode() ? json // blank text is text, not JSON null
                    : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception notJson) {
            return json;
        }
    }
}
