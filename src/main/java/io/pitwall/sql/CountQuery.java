package io.pitwall.sql;

/**
 * Counts tasks by queue, kind and raw state. A small table is counted in full; on a big one only the rows of a
 * predicate an index serves are counted (the active states, the failed while few) and the rest is estimated by
 * the planner, so a refresh costs what the active rows cost, whatever the table's size.
 */
public final class CountQuery {

    /** At most this many rows (planner estimate), a table is counted in full: a few milliseconds. */
    public static final long FULL_COUNT_LIMIT = 50_000;

    private CountQuery() {
    }

    /** Columns: queue (NULL without {@code tasks.queue}), kind, raw_state, n. */
    public static String exact(String qualifiedTable, TaskColumns columns) {
        return select(columns) + qualifiedTable + " t GROUP BY 1, 2, 3";
    }

    /** The same columns, for the rows of one predicate only (an index-served one). */
    public static String where(String qualifiedTable, TaskColumns columns, String predicate) {
        return select(columns) + qualifiedTable + " t WHERE " + predicate + " GROUP BY 1, 2, 3";
    }

    /**
     * The counts of several predicates in one statement, each its own branch (so each keeps its own index read).
     * Columns: part (the predicate's position in {@code predicates}), queue, kind, raw_state, n.
     */
    public static String union(String qualifiedTable, TaskColumns columns, java.util.List<String> predicates) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < predicates.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(" AS part, c.* FROM (")
                    .append(where(qualifiedTable, columns, predicates.get(i))).append(") c");
        }
        return sql.toString();
    }

    /** Planned, never run: the plan says whether an index serves the predicate and how many rows it expects. */
    public static String explainRows(String qualifiedTable, String predicate) {
        return "EXPLAIN (FORMAT JSON) SELECT 1 FROM " + qualifiedTable + " t"
                + (predicate == null ? "" : " WHERE " + predicate);
    }

    private static String select(TaskColumns columns) {
        return "SELECT " + TaskColumns.exprOr(columns.queue(), "NULL") + "::text AS queue, "
                + TaskColumns.exprOr(columns.kind(), "''") + "::text AS kind, "
                + TaskColumns.expr(columns.state()) + "::text AS raw_state, count(*) AS n FROM ";
    }

    /**
     * Each table's row count as the planner would estimate it: {@code reltuples} scaled to the table's current
     * size, so growth since the last ANALYZE shows; a table never analyzed counts 100 rows a page; a partitioned
     * table is the sum of its partitions (the parent itself holds no rows).
     */
    public static final String ESTIMATED_ROWS = """
            SELECT name,
                   COALESCE((SELECT sum(CASE WHEN c.reltuples < 0
                                                 THEN pg_relation_size(c.oid) / current_setting('block_size')::float8 * 100
                                             WHEN c.relpages = 0 THEN c.reltuples
                                             ELSE c.reltuples / c.relpages
                                                  * (pg_relation_size(c.oid) / current_setting('block_size')::float8) END)
                               FROM pg_catalog.pg_class c
                              WHERE c.relkind <> 'p'
                                AND c.oid IN (SELECT to_regclass(name)
                                              UNION SELECT pt.relid FROM pg_catalog.pg_partition_tree(to_regclass(name)) pt
                                                     WHERE pt.isleaf)), 0)::bigint
              FROM unnest(?::text[]) AS name
            """;

    /** The indexes of one table (and of its partitions, for a partitioned one), and whether each is partial (an index scan with no condition is then fine). */
    public static final String INDEXES = """
            SELECT c.relname, i.indpred IS NOT NULL
              FROM (SELECT ?::text AS name) t, pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
             WHERE i.indrelid IN (SELECT to_regclass(t.name) UNION SELECT pt.relid FROM pg_catalog.pg_partition_tree(to_regclass(t.name)) pt)
            """;
}
