package io.pitwall.sql;

import io.pitwall.queue.TaskFilter;
import io.pitwall.queue.TaskPage;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * A keyset page of tasks in some raw states, newest first: ordered by (time, id) and continued after the last
 * row's (time, id), never with OFFSET, so page 500 costs what page 1 does. Filters are bind parameters.
 */
public final class TaskListQuery {

    /** The columns the query returns, in order; {@code key} is the id as its own type, for the next page. */
    public static final List<String> COLUMNS = List.of("key", "id", "kind", "raw_state", "owner", "attempts", "error", "at");

    private TaskListQuery() {
    }

    /** The time a list sorts by: finished, else updated, else created. */
    public static String timeExpr(TaskColumns tasks) {
        List<String> parts = new ArrayList<>();
        for (String field : new String[]{tasks.finishedAt(), tasks.updatedAt(), tasks.createdAt()}) {
            String expr = TaskColumns.expr(field);
            if (expr != null) {
                parts.add(expr + "::timestamptz");
            }
        }
        parts.add("'epoch'::timestamptz");
        return "coalesce(" + String.join(", ", parts) + ")";
    }

    public static BoundSql page(String qualifiedTable, TaskColumns tasks, List<String> rawStates, TaskFilter filter,
                                TaskPage.Cursor after, int limit) {
        String id = TaskColumns.expr(tasks.id());
        String kind = TaskColumns.exprOr(tasks.kind(), "NULL");
        String error = TaskColumns.exprOr(tasks.error(), "NULL");
        String at = timeExpr(tasks);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(id).append(" AS key, (").append(id).append(")::text AS id, (")
                .append(kind).append(")::text AS kind, (").append(TaskColumns.expr(tasks.state())).append(")::text AS raw_state, (")
                .append(TaskColumns.exprOr(tasks.owner(), "NULL")).append(")::text AS owner, (")
                .append(TaskColumns.exprOr(tasks.attempts(), "NULL")).append(")::int AS attempts, (")
                .append(error).append(")::text AS error, ").append(at).append(" AS at, (")
                .append(TaskColumns.exprOr(tasks.queue(), "NULL")).append(")::text AS queue FROM ").append(qualifiedTable)
                .append(" t WHERE (").append(TaskColumns.expr(tasks.state())).append(")::text = ANY(?::text[])");
        params.add(rawStates.toArray(String[]::new));
        if (filter.kind() != null) {
            sql.append(" AND (").append(kind).append(")::text = ?");
            params.add(filter.kind());
        }
        if (filter.text() != null) {
            // strpos, not LIKE: the operator's % and _ are plain characters.
            sql.append(" AND strpos(lower((").append(error).append(")::text), lower(?)) > 0");
            params.add(filter.text());
        }
        if (filter.olderThan() != null) {
            sql.append(" AND ").append(at).append(" <= now() - make_interval(secs => ?)");
            params.add(filter.olderThan().toMillis() / 1000.0);
        }
        if (filter.newerThan() != null) {
            sql.append(" AND ").append(at).append(" >= now() - make_interval(secs => ?)");
            params.add(filter.newerThan().toMillis() / 1000.0);
        }
        if (after != null) {
            sql.append(" AND (").append(at).append(", ").append(id).append(") < (?, ?)");
            params.add(Timestamp.from(after.at()));
            params.add(after.key());
        }
        sql.append(" ORDER BY ").append(at).append(" DESC, ").append(id).append(" DESC LIMIT ?");
        params.add(limit);
        return new BoundSql(sql.toString(), params);
    }
}
