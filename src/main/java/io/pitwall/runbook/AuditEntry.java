package io.pitwall.runbook;

import java.time.Instant;

/**
 * One row of {@code pitwall.audit_log}: one committed batch of one action (or of an undo).
 *
 * @param rowsJson   per-row {@code {"id", "before", "after"}} images, as JSON text
 * @param connection the name of the Pitwall connection the action ran on (null on rows from before names)
 */
public record AuditEntry(long id, String runId, int batch, Instant at, String osUser, String dbUser, String host,
                         String profileId, String schema, String table, String queue, String actionId, Long undoOf,
                         Long undoneBy, String selectorJson, String parametersJson, String reason, String sql,
                         int matched, int applied, int skipped, String rowsJson, String skippedJson,
                         String connection) {

    public boolean isUndo() {
        return undoOf != null;
    }

    /** Per row, only what changed: {@code 441: state processing → queued, leased_by "web3:1" → null}. */
    public java.util.List<String> changes() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        try {
            for (com.fasterxml.jackson.databind.JsonNode row : ActionExecutor.JSON.readTree(rowsJson)) {
                com.fasterxml.jackson.databind.JsonNode before = row.path("before");
                com.fasterxml.jackson.databind.JsonNode after = row.path("after");
                StringBuilder line = new StringBuilder(row.path("id").asText()).append(':');
                java.util.Set<String> columns = new java.util.TreeSet<>();
                before.fieldNames().forEachRemaining(columns::add);
                after.fieldNames().forEachRemaining(columns::add);
                if (after.isNull() || after.isMissingNode()) {
                    line.append(" deleted");
                }
                for (String column : columns) {
                    if (!after.isNull() && !after.isMissingNode() && !before.path(column).equals(after.path(column))) {
                        line.append(' ').append(column).append(' ').append(before.path(column)).append(" → ")
                                .append(after.path(column)).append(';');
                    }
                }
                lines.add(line.toString());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            lines.add("(row images unreadable: " + e.getOriginalMessage() + ")");
        }
        return lines;
    }
}
