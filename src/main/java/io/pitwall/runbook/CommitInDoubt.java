package io.pitwall.runbook;

import com.fasterxml.jackson.core.type.TypeReference;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The connection was lost while a batch was in flight, perhaps during COMMIT: the server may have committed it.
 * The audit row is written in the batch's own transaction, so on a new connection it tells which it was.
 */
final class CommitInDoubt {

    private CommitInDoubt() {
    }

    /** The committed batch as its audit row records it, or null when it did not commit (or this was no lost connection). */
    static BatchRunner.Outcome lookUp(DataSource actions, SQLException failure, UUID runId, int batch) {
        String state = failure.getSQLState();
        if (state == null || !state.startsWith("08")) {
            return null;
        }
        try (Connection connection = actions.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id, applied, skipped_rows::text, refused_at_preview FROM pitwall.audit_log "
                             + "WHERE run_id = ? AND batch = ?")) {
            statement.setObject(1, runId);
            statement.setInt(2, batch);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                List<Map<String, String>> rows = ActionExecutor.JSON.readValue(rs.getString(3), new TypeReference<>() {
                });
                // The first batch's row also records the preview's refusals; those are reported already.
                List<Skip> skipped = rows.stream().skip(rs.getInt(4)).map(r -> new Skip(r.get("id"), r.get("reason"))).toList();
                return new BatchRunner.Outcome(rs.getInt(2), skipped, rs.getLong(1));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            failure.addSuppressed(e);
            return null;
        }
    }
}
