package io.pitwall.runbook;

import java.time.Instant;

/**
 * One row of {@code pitwall.audit_log}: one committed batch of one action (or of an undo).
 *
 * @param rowsJson per-row {@code {"id", "before", "after"}} images, as JSON text
 */
public record AuditEntry(long id, String runId, int batch, Instant at, String osUser, String dbUser, String host,
                         String profileId, String schema, String table, String queue, String actionId, Long undoOf,
                         Long undoneBy, String selectorJson, String parametersJson, String reason, String sql,
                         int matched, int applied, int skipped, String rowsJson, String skippedJson) {

    public boolean isUndo() {
        return undoOf != null;
    }
}
