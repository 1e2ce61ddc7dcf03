package io.pitwall.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL for a pipeline's timeline, built from a profile's task columns and its history sources. The pipeline key and
 * the search text are always bind parameters; only the profile's trusted fragments are spliced in.
 */
public final class PipelineQuery {

    /** The most tasks one pipeline read returns; more are reported as truncated. */
    public static final int MAX_TASKS = 2000;
    /** How many of the most recent tasks the pipeline picker groups into keys. */
    public static final int RECENT_TASKS = 5000;

    private PipelineQuery() {
    }

    /**
     * The tasks of one pipeline. Parameters: 1 the key (text), 2 the row limit. Columns: id, kind, raw_state,
     * queued_at, started_at, ended_at, owner, error, attempts.
     *
     * @param startSql the profile's own start expression over {@code t}, or null for claimed-at else created-at
     * @param endSql   the profile's own end expression over {@code t}, or null for finished-at else updated-at
     */
    public static String tasks(String qualifiedTable, TaskColumns columns, String startSql, String endSql) {
        String start = startSql != null ? "(" + startSql + ")"
                : coalesce(TaskColumns.expr(columns.claimedAt()), TaskColumns.expr(columns.createdAt()),
                TaskColumns.expr(columns.updatedAt()));
        String end = endSql != null ? "(" + endSql + ")"
                : coalesce(TaskColumns.expr(columns.finishedAt()), TaskColumns.expr(columns.updatedAt()));
        String queued = coalesce(TaskColumns.expr(columns.createdAt()));
        return "SELECT " + TaskColumns.expr(columns.id()) + "::text AS id, "
                + TaskColumns.exprOr(columns.kind(), "''") + "::text AS kind, "
                + TaskColumns.expr(columns.state()) + "::text AS raw_state, "
                + queued + "::timestamptz AS queued_at, "
                + start + "::timestamptz AS started_at, "
                + end + "::timestamptz AS ended_at, "
                + TaskColumns.exprOr(columns.owner(), "NULL") + "::text AS owner, "
                + TaskColumns.exprOr(columns.error(), "NULL") + "::text AS error, "
                + TaskColumns.exprOr(columns.attempts(), "NULL") + "::text AS attempts"
                + " FROM " + qualifiedTable + " t WHERE " + keyEquals(columns)
                + " ORDER BY 5 NULLS LAST, 4 NULLS LAST, 1 LIMIT ?";
    }

    /**
     * The history rows of one pipeline's tasks, joined through the task table so the task id keeps its type and
     * its index. Parameters: 1 the key, 2 the row limit. Columns: task_id, id, kind, raw_state, started_at,
     * ended_at, detail. Fields are plain column names or SQL over alias {@code h}.
     */
    public static String history(String qualifiedHistoryTable, String qualifiedTaskTable, TaskColumns columns,
                                 String taskId, String id, String kind, String state, String start, String end,
                                 String detail, String order) {
        return historyRows(joinTable(qualifiedHistoryTable, taskId, columns), qualifiedTaskTable, columns, id, kind,
                state, start, end, detail, order, keyEquals(columns));
    }

    /** How a history table's rows join their task. */
    public static String joinTable(String qualifiedHistoryTable, String taskId, TaskColumns columns) {
        return "JOIN " + qualifiedHistoryTable + " h ON " + over("h", taskId) + " = " + TaskColumns.expr(columns.id());
    }

    /** How an array column's elements become rows {@code h(value, position)} of their task. */
    public static String joinArray(String array) {
        return "CROSS JOIN LATERAL unnest(" + TaskColumns.expr(array) + ") WITH ORDINALITY AS h(value, position)";
    }

    /**
     * The condition that picks one task by id; the id is bound untyped when it is a plain column, so PostgreSQL
     * reads it as the column's type and uses its index.
     */
    public static String idEquals(TaskColumns columns) {
        return Identifiers.isPlainColumn(columns.id()) ? "t." + Identifiers.quote(columns.id()) + " = ?"
                : "(" + TaskColumns.expr(columns.id()) + ")::text = ?";
    }

    /**
     * History rows, from a table or an array ({@link #joinTable}, {@link #joinArray}), of the tasks {@code where}
     * selects: one pipeline ({@link #keyEquals}) or one task ({@link #idEquals}). Parameters: 1 the key or id,
     * 2 the row limit.
     */
    public static String historyRows(String join, String qualifiedTaskTable, TaskColumns columns, String id, String kind,
                                 String state, String start, String end, String detail, String order, String where) {
        String startSql = over("h", start);
        List<String> orderBy = new ArrayList<>();
        orderBy.add("5 NULLS LAST");
        if (order != null && !order.isBlank()) {
            orderBy.add(over("h", order));
        }
        orderBy.add("2");
        return "SELECT " + TaskColumns.expr(columns.id()) + "::text AS task_id, "
                + orOr(over("h", id), "NULL") + "::text AS id, "
                + orOr(over("h", kind), "NULL") + "::text AS kind, "
                + orOr(over("h", state), "NULL") + "::text AS raw_state, "
                + orOr(startSql, "NULL") + "::timestamptz AS started_at, "
                + orOr(over("h", end), "NULL") + "::timestamptz AS ended_at, "
                + orOr(over("h", detail), "NULL") + "::text AS detail"
                + " FROM " + qualifiedTaskTable + " t " + join
                + " WHERE " + where + " ORDER BY " + String.join(", ", orderBy) + " LIMIT ?";
    }

    /**
     * The most recent tasks grouped by pipeline key and raw state. Parameters: 1 a LIKE pattern for the key
     * (use {@link #likePattern}), 2 the number of recent tasks to look at. Columns: key, raw_state, n, last_at,
     * kinds (the distinct kinds, text[]).
     */
    public static String recent(String qualifiedTable, TaskColumns columns) {
        String activity = coalesce(TaskColumns.expr(columns.updatedAt()), TaskColumns.expr(columns.finishedAt()),
                TaskColumns.expr(columns.claimedAt()), TaskColumns.expr(columns.createdAt()));
        String recency = TaskColumns.expr(columns.createdAt()) != null ? TaskColumns.expr(columns.createdAt())
                : TaskColumns.expr(columns.id());
        return "WITH recent AS (SELECT " + key(columns) + " AS k, " + TaskColumns.expr(columns.state())
                + "::text AS s, " + activity + "::timestamptz AS at, " + TaskColumns.exprOr(columns.kind(), "NULL")
                + "::text AS kd FROM " + qualifiedTable + " t"
                + " WHERE " + key(columns) + " IS NOT NULL AND " + key(columns) + " ILIKE ?"
                + " ORDER BY " + recency + " DESC NULLS LAST LIMIT ?)"
                + " SELECT k, s, count(*), max(at), array_agg(DISTINCT kd) FILTER (WHERE kd IS NOT NULL AND kd <> '')"
                + " FROM recent GROUP BY k, s";
    }

    /** Operator text for a key search as a case-insensitive substring pattern; wildcards in it are literal. */
    public static String likePattern(String search) {
        if (search == null || search.isBlank()) {
            return "%";
        }
        return "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static final java.util.regex.Pattern CAST_COLUMN =
            java.util.regex.Pattern.compile("(?:t\\.)?\"?([a-z_][a-z0-9_]*)\"?(?:::text)?");

    /**
     * The column a pipeline key is, when it is one column (perhaps cast to text, as {@code t.recordid::text}), or
     * null when it is an expression. Comparing the column itself lets a lookup use the column's index on a big
     * table; the caller then binds the key untyped so PostgreSQL reads it as the column's type.
     */
    public static String keyColumn(TaskColumns columns) {
        String key = columns.pipelineKey() == null ? "" : columns.pipelineKey().strip();
        java.util.regex.Matcher matcher = CAST_COLUMN.matcher(key);
        return matcher.matches() ? matcher.group(1) : null;
    }

    public static String keyEquals(TaskColumns columns) {
        String column = keyColumn(columns);
        return column != null ? "t." + Identifiers.quote(column) + " = ?" : key(columns) + " = ?";
    }

    private static String key(TaskColumns columns) {
        return "(" + TaskColumns.expr(columns.pipelineKey()) + ")::text";
    }

    /** A profile field over an alias: a plain column name becomes {@code alias."name"}, anything else is SQL. */
    static String over(String alias, String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        return Identifiers.isPlainColumn(field) ? alias + "." + Identifiers.quote(field) : "(" + field + ")";
    }

    private static String orOr(String sql, String fallback) {
        return sql == null ? fallback : sql;
    }

    private static String coalesce(String... expressions) {
        List<String> present = new ArrayList<>();
        for (String expression : expressions) {
            if (expression != null) {
                present.add(expression + "::timestamptz");
            }
        }
        return present.isEmpty() ? "NULL" : present.size() == 1 ? present.getFirst()
                : "coalesce(" + String.join(", ", present) + ")";
    }
}
