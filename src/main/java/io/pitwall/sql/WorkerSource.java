package io.pitwall.sql;

import java.util.List;

/**
 * Where a profile lists its workers or nodes when the schema registers them (Broadleaf's registered nodes),
 * beside the lease holders seen on tasks. Fields are columns or SQL over alias {@code t}.
 *
 * @param table    a table of the task table's schema
 * @param name     the worker's name, as tasks and locks name it
 * @param lastSeen its last sign of life (a heartbeat)
 * @param detail   one more thing worth showing (e.g. the node type)
 * @param requires tables that must exist for this source to be read (older versions name them otherwise)
 */
public record WorkerSource(String table, String name, String lastSeen, String detail, List<String> requires) {

    public WorkerSource {
        requires = requires == null ? List.of() : List.copyOf(requires);
    }

    /** The source's rows, quietest first. */
    public String query(String schema, int limit) {
        return "SELECT (" + JdbcText.escapePlaceholders(TaskColumns.expr(name)) + ")::text, ("
                + JdbcText.escapePlaceholders(TaskColumns.exprOr(lastSeen, "NULL")) + ")::timestamptz, ("
                + JdbcText.escapePlaceholders(TaskColumns.exprOr(detail, "NULL")) + ")::text FROM "
                + Identifiers.qualified(schema, table) + " t ORDER BY 2 NULLS FIRST, 1 LIMIT " + limit;
    }
}
