package io.pitwall.sql;

/**
 * Where a profile finds each task attribute. Every value is either a plain column name of the task table
 * or a SQL expression over the table alias {@code t} (for example a CASE that derives the state from timestamps).
 * Only {@code id} and {@code state} are required.
 */
public record TaskColumns(
        String id,
        String kind,
        String state,
        String owner,
        String claimedAt,
        String heartbeat,
        String attempts,
        String maxAttempts,
        String error,
        String payload,
        String createdAt,
        String updatedAt,
        String finishedAt,
        String scheduledAt,
        String pipelineKey) {

    /** The SQL for one attribute, or null where the profile does not have it. */
    public static String expr(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        return Identifiers.isPlainColumn(field) ? "t." + Identifiers.quote(field) : "(" + field + ")";
    }

    /** Like {@link #expr} but a constant where the profile has nothing, so a query can always select it. */
    public static String exprOr(String field, String fallbackSql) {
        String sql = expr(field);
        return sql == null ? fallbackSql : sql;
    }
}
