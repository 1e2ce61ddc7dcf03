package io.pitwall.sql;

/**
 * The oldest queued task of each kind, for the queues-and-kinds view. Read as often as trends, not every refresh:
 * without an index on (kind, state, created) it reads the queued rows once per call.
 */
public final class KindAgeQuery {

    private KindAgeQuery() {
    }

    /**
     * Columns: kind, oldest (timestamptz). Parameter 1: the queued raw states (a text array). Null when the profile
     * keeps no creation time.
     */
    public static String oldestQueuedByKind(String qualifiedTable, TaskColumns columns) {
        String created = TaskColumns.expr(columns.createdAt());
        if (created == null) {
            return null;
        }
        return "SELECT " + TaskColumns.exprOr(columns.kind(), "''") + "::text AS kind, min(" + created
                + "::timestamptz) AS oldest FROM " + qualifiedTable + " t WHERE "
                + TaskColumns.expr(columns.state()) + "::text = ANY(?::text[]) GROUP BY 1";
    }
}
