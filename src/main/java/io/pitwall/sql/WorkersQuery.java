package io.pitwall.sql;

/**
 * The holders of tasks in running states, with what each holds and its latest sign of life. Reads only running
 * rows, so its cost follows the work in flight, not the table's history.
 */
public final class WorkersQuery {

    /** Task ids listed per worker; the count says how many there are in all. */
    public static final int IDS_PER_WORKER = 20;

    private WorkersQuery() {
    }

    /** One parameter: the running raw states as text[]. */
    public static String build(String qualifiedTable, TaskColumns tasks, int limit) {
        String owner = TaskColumns.expr(tasks.owner());
        String kind = TaskColumns.exprOr(tasks.kind(), "NULL");
        // A time in the future (real Absurd's heartbeat is the claim's expiry) is a promise, not a sign of life.
        String life = "greatest(" + past(tasks.heartbeat()) + ", " + past(tasks.claimedAt()) + ", "
                + past(tasks.updatedAt()) + ")";
        return "SELECT (" + owner + ")::text AS worker, count(*) AS holding, "
                + "array_agg(DISTINCT (" + kind + ")::text) AS kinds, max(" + life + ") AS last_seen, "
                + "(array_agg((" + TaskColumns.expr(tasks.id()) + ")::text ORDER BY " + life + " NULLS FIRST))[1:"
                + IDS_PER_WORKER + "] AS ids FROM " + qualifiedTable + " t WHERE (" + TaskColumns.expr(tasks.state())
                + ")::text = ANY(?::text[]) AND " + owner + " IS NOT NULL GROUP BY 1 ORDER BY 4 NULLS FIRST, 1 LIMIT " + limit;
    }

    private static String past(String field) {
        String sql = TaskColumns.exprOr(field, "NULL") + "::timestamptz";
        return "CASE WHEN " + sql + " <= now() THEN " + sql + " END";
    }
}
