package io.pitwall.sql;

import java.util.List;

/** One task by id, with every profile field and the whole row as JSON. */
public final class TaskDetailQuery {

    /** The timestamp fields, in the order a person reads a task's life. */
    public static final List<String> TIMESTAMPS = List.of("created", "scheduled", "claimed", "heartbeat", "updated", "finished");

    /** The id column's type, so the operator's id text is cast to it and the primary key index is used. */
    public static final String ID_TYPE = """
            SELECT format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND NOT a.attisdropped
            """;

    private TaskDetailQuery() {
    }

    /**
     * @param idType the id column's SQL type from {@link #ID_TYPE} (catalog output, not operator input), or null
     *               to compare as text
     */
    public static String build(String qualifiedTable, TaskColumns tasks, String idType) {
        String id = TaskColumns.expr(tasks.id());
        String match = idType == null ? "(" + id + ")::text = ?" : id + " = CAST(? AS " + idType + ")";
        return "SELECT (" + id + ")::text, (" + TaskColumns.exprOr(tasks.kind(), "NULL") + ")::text, ("
                + TaskColumns.expr(tasks.state()) + ")::text, (" + TaskColumns.exprOr(tasks.owner(), "NULL") + ")::text, ("
                + TaskColumns.exprOr(tasks.attempts(), "NULL") + ")::int, ("
                + TaskColumns.exprOr(tasks.maxAttempts(), "NULL") + ")::int, ("
                + TaskColumns.exprOr(tasks.error(), "NULL") + ")::text, ("
                + TaskColumns.exprOr(tasks.payload(), "NULL") + ")::text, ("
                + TaskColumns.exprOr(tasks.pipelineKey(), "NULL") + ")::text, "
                + ts(tasks.createdAt()) + ", " + ts(tasks.scheduledAt()) + ", " + ts(tasks.claimedAt()) + ", "
                + ts(tasks.heartbeat()) + ", " + ts(tasks.updatedAt()) + ", " + ts(tasks.finishedAt()) + ", "
                + "to_jsonb(t)::text FROM " + qualifiedTable + " t WHERE " + match + " LIMIT 1";
    }

    private static String ts(String field) {
        return "(" + TaskColumns.exprOr(field, "NULL") + ")::timestamptz";
    }
}
