package io.pitwall.profile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The user tables of one database and their columns (name to type), read once per detection. */
public final class Catalog {

    private static final String COLUMNS = """
            SELECT n.nspname, c.relname, a.attname, t.typname
              FROM pg_catalog.pg_attribute a
              JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
               AND a.attnum > 0 AND NOT a.attisdropped
               AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
               AND n.nspname NOT LIKE 'pg_temp%'
             ORDER BY n.nspname, c.relname, a.attnum
            """;

    private static final String FUNCTIONS = """
            SELECT DISTINCT n.nspname, p.proname
              FROM pg_catalog.pg_proc p
              JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
               AND n.nspname NOT LIKE 'pg_temp%'
            """;

    /** schema → table → column → type name (pg_type.typname, e.g. int4, timestamptz). */
    private final Map<String, Map<String, Map<String, String>>> schemas;
    /** schema.function of every user function, for actions that call one (Absurd's retry_task). */
    private final java.util.Set<String> functions;

    private Catalog(Map<String, Map<String, Map<String, String>>> schemas, java.util.Set<String> functions) {
        this.schemas = schemas;
        this.functions = functions;
    }

    public static Catalog read(Connection connection) throws SQLException {
        Map<String, Map<String, Map<String, String>>> schemas = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                schemas.computeIfAbsent(rows.getString(1), s -> new LinkedHashMap<>())
                        .computeIfAbsent(rows.getString(2), t -> new LinkedHashMap<>())
                        .put(rows.getString(3), rows.getString(4));
            }
        }
        java.util.Set<String> functions = new java.util.HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(FUNCTIONS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                functions.add(rows.getString(1) + "." + rows.getString(2));
            }
        }
        return new Catalog(schemas, functions);
    }

    public boolean hasFunction(String schema, String name) {
        return functions.contains(schema + "." + name);
    }

    /** The column names of one table (empty if there is no such table). */
    public static java.util.Set<String> columnsOf(Connection connection, String schema, String table) throws SQLException {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attname FROM pg_catalog.pg_attribute a
                 WHERE a.attrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?)) AND a.attnum > 0
                   AND NOT a.attisdropped ORDER BY a.attnum
                """)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    public Iterable<String> schemaNames() {
        return schemas.keySet();
    }

    public Optional<Map<String, String>> columns(String schema, String table) {
        return Optional.ofNullable(schemas.getOrDefault(schema, Map.of()).get(table));
    }
}
