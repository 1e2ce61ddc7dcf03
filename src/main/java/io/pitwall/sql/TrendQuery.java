package io.pitwall.sql;

/**
 * SQL for a queue's trends, bounded to the last hour so it never reads a table's whole history when the
 * schema has an index on its finish time; the monitor pool's statement timeout bounds it otherwise.
 */
public final class TrendQuery {

    private TrendQuery() {
    }

    /**
     * Tasks finished per minute and raw state over the last hour, or null when the profile keeps no finish time.
     * Columns: minute, raw_state, n.
     */
    public static String throughput(String qualifiedTable, TaskColumns columns) {
        String where = throughputWhere(columns);
        if (where == null) {
            return null;
        }
        return "SELECT date_trunc('minute', " + finished(columns) + "::timestamptz) AS minute, "
                + TaskColumns.expr(columns.state()) + "::text AS raw_state, count(*) AS n FROM " + qualifiedTable
                + " t WHERE " + where + " GROUP BY 1, 2 ORDER BY 1";
    }

    /** The last hour of finish times, the part of {@link #throughput} an index must serve on a big table. */
    public static String throughputWhere(TaskColumns columns) {
        String finished = finished(columns);
        return finished == null ? null : finished + " >= now() - interval '1 hour'";
    }

    private static String finished(TaskColumns columns) {
        return TaskColumns.expr(columns.finishedAt()) != null ? TaskColumns.expr(columns.finishedAt())
                : TaskColumns.expr(columns.updatedAt());
    }

    /**
     * The creation time of the oldest task whose raw state is one of parameter 1 (a text array), or null SQL when
     * the profile keeps no creation time.
     */
    public static String oldestQueued(String qualifiedTable, TaskColumns columns) {
        String created = TaskColumns.expr(columns.createdAt());
        if (created == null) {
            return null;
        }
        return "SELECT min(" + created + "::timestamptz) FROM " + qualifiedTable + " t WHERE "
                + TaskColumns.expr(columns.state()) + "::text = ANY(?::text[])";
    }
}
