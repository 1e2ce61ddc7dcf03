package io.pitwall.sql;

/**
 * Counts tasks by kind and raw state. On a big table it reads a block sample instead of every row,
 * so a refresh never costs a full scan; the caller labels such counts as estimates.
 */
public final class CountQuery {

    /** Above this many rows (planner estimate) counts come from a sample. */
    public static final long EXACT_LIMIT = 200_000;
    /** Rows a sample aims to read. */
    static final long SAMPLE_TARGET = 50_000;

    private CountQuery() {
    }

    /** Columns: queue (NULL without {@code tasks.queue}), kind, raw_state, n. */
    public static String exact(String qualifiedTable, TaskColumns columns) {
        return select(columns) + qualifiedTable + " t GROUP BY 1, 2, 3";
    }

    /** A sampled count; multiply each group's n by {@code 100 / percent}. */
    public static String sampled(String qualifiedTable, TaskColumns columns, double percent) {
        return select(columns) + qualifiedTable + " t TABLESAMPLE SYSTEM (" + percent + ") GROUP BY 1, 2, 3";
    }

    private static String select(TaskColumns columns) {
        return "SELECT " + TaskColumns.exprOr(columns.queue(), "NULL") + "::text AS queue, "
                + TaskColumns.exprOr(columns.kind(), "''") + "::text AS kind, "
                + TaskColumns.expr(columns.state()) + "::text AS raw_state, count(*) AS n FROM ";
    }

    /** The sample percentage that reads about {@link #SAMPLE_TARGET} rows of a table of {@code estimatedRows}. */
    public static double samplePercent(long estimatedRows) {
        double percent = 100.0 * SAMPLE_TARGET / Math.max(1, estimatedRows);
        return Math.max(0.01, Math.min(100.0, Math.round(percent * 1000) / 1000.0));
    }

    public static final String ESTIMATED_ROWS =
            "SELECT greatest(c.reltuples, 0)::bigint FROM pg_class c WHERE c.oid = to_regclass(?)";
}
