package io.pitwall.sql;

/**
 * Where a profile finds each task attribute. Every value is either a plain column name of the task table
 * or a SQL expression over the table alias {@code t} (for example a CASE that derives the state from timestamps).
 * Only {@code id} and {@code state} are required. {@code queue} names the queue a task belongs to where one
 * table holds many queues (River, Oban, pg-boss ...); it is a dimension beside {@code kind}.
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
        String pipelineKey,
        String queue) {

    /**
     * This profile's fields for one bound table: in expressions, {@code {schema}} becomes the quoted schema,
     * {@code {table}} the quoted task table and {@code {queue}} the queue name (for use inside a quoted identifier,
     * as in {@code {schema}."r_{queue}"}), so an expression can reach sibling tables wherever the schema lives.
     * The result is ready to splice into a prepared statement: a jsonb {@code ?} is escaped for the driver.
     */
    public TaskColumns bind(String schema, String table, String queue) {
        return bind(schema, table, queue, java.util.Map.of());
    }

    /** As {@link #bind(String, String, String)}, with the table's absent optional columns read as their stand-ins. */
    public TaskColumns bind(String schema, String table, String queue, java.util.Map<String, String> fallbacks) {
        java.util.function.UnaryOperator<String> f = field -> JdbcText.escapePlaceholders(
                Placeholders.fill(OptionalColumns.apply(field, fallbacks), schema, table, queue));
        return new TaskColumns(f.apply(id), f.apply(kind), f.apply(state), f.apply(owner), f.apply(claimedAt),
                f.apply(heartbeat), f.apply(attempts), f.apply(maxAttempts), f.apply(error), f.apply(payload),
                f.apply(createdAt), f.apply(updatedAt), f.apply(finishedAt), f.apply(scheduledAt),
                f.apply(pipelineKey), f.apply(this.queue));
    }

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
