package io.pitwall.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes odd but type-valid values into every column of every table of a queue system's schema: whatever the
 * column's type and constraints let a worker or an operator write (empty and non-JSON text where JSON is usually
 * kept, JSON of the wrong shape, NULL where nullable, huge and unicode text, zero and negative numbers, infinite and
 * far-past timestamps, each label of an enum). A value the table's constraints refuse is not written: no one could.
 */
final class HostileValues {

    /** Keys the built-in profiles read out of JSON, each given a value of the wrong type. */
    private static final String WRONG_JSON = "{\"at\": \"not a time\", \"error\": {\"x\": 1}, \"attempt\": \"two\", "
            + "\"executions\": \"x\", \"message\": 7, \"value\": [1], \"group_id\": {\"a\": 1}, \"repo_id\": [], "
            + "\"workflow_id\": 123, \"batch_id\": null, \"exception_class\": [], \"hostname\": {}, \"pid\": \"\", "
            + "\"proctitle\": 1.5, \"queues\": \"q\", \"job_classes\": 5, \"trace\": null}";

    private static final List<String> TEXT = List.of("''", "' '", "'not json'", "'{'", "'null'", "'[]'",
            "'" + WRONG_JSON + "'", "'{\"exception_class\": \"X\", \"message\": \"nul \\u0000 here\"}'",
            "'{\"message\": \"lone \\ud800\"}'", "'ü 😀 ' || chr(8238) || chr(1) || E'\\n' || 'x'",
            "repeat('x', 200000)", "'-1'", "'1e400'", "'9999999999999999999999'", "NULL");
    private static final List<String> JSON = List.of("'\"\"'", "'null'", "'[]'", "'{}'", "'\"text\"'", "'-1'",
            "'" + WRONG_JSON + "'", "'[[1], {\"a\": {}}]'", "jsonb_build_object('big', repeat('y', 200000))", "NULL");
    private static final List<String> JSON_ARRAY = List.of("'{}'", "ARRAY['null'::jsonb]",
            "ARRAY['\"s\"'::jsonb, '" + WRONG_JSON + "'::jsonb]", "ARRAY['[]'::jsonb, '{}'::jsonb, '1'::jsonb]", "NULL");
    private static final List<String> TEXT_ARRAY = List.of("'{}'", "'{\"\"}'", "'{NULL}'", "'{a,b,c,d,e,f,g}'", "NULL");
    private static final List<String> TIME = List.of("'infinity'", "'-infinity'", "'4713-01-01 BC'",
            "'294276-12-31 23:59:59'", "'1970-01-01'", "now() + interval '1000 years'", "now() - interval '300 years'",
            "now()", "NULL");
    private static final List<String> INTEGER = List.of("0", "-1", "1", "NULL");
    private static final List<String> WIDE_INTEGER = List.of("-2147483648", "2147483647");
    private static final List<String> NUMBER = List.of("0", "-1", "'NaN'", "1e300", "NULL");

    /**
     * Columns whose value is the name of other tables (real Absurd's queue registry: each name has its own t_, r_,
     * c_, e_ and w_ tables): renaming one only hides that queue, as it would from Absurd's own functions.
     */
    private static final Set<String> NAMES_TABLES = Set.of("queues.queue_name");

    private HostileValues() {
    }

    record Column(String schema, String table, String name, String type, List<String> labels) {
    }

    /** The user tables' columns, with an enum column's labels. */
    static List<Column> columns(Connection connection) throws SQLException {
        List<Column> columns = new ArrayList<>();
        String sql = """
                SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                       (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = a.atttypid)
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pitwall')
                   AND NOT c.relispartition
                 ORDER BY n.nspname, c.relname, a.attnum""";
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                java.sql.Array labels = rows.getArray(5);
                columns.add(new Column(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        labels == null ? List.of() : List.of((String[]) labels.getArray())));
            }
        }
        return columns;
    }

    /** The odd values a column of this type can hold, as SQL expressions. */
    static List<String> valuesFor(Column column) {
        String type = column.type();
        if (!column.labels().isEmpty()) {
            List<String> values = new ArrayList<>(column.labels().stream().map(l -> "'" + l + "'").toList());
            values.add("NULL");
            return values;
        }
        if (type.equals("jsonb[]") || type.equals("json[]")) {
            return JSON_ARRAY;
        }
        if (type.endsWith("[]")) {
            return TEXT_ARRAY;
        }
        if (type.equals("jsonb") || type.equals("json")) {
            return JSON;
        }
        if (type.equals("text") || type.startsWith("character varying") || type.startsWith("character")) {
            return TEXT;
        }
        if (type.startsWith("timestamp") || type.equals("date")) {
            return TIME;
        }
        if (type.equals("smallint")) {
            return INTEGER;
        }
        if (type.equals("integer") || type.equals("bigint")) {
            List<String> values = new ArrayList<>(INTEGER);
            values.addAll(WIDE_INTEGER);
            return values;
        }
        if (type.startsWith("numeric") || type.equals("double precision") || type.equals("real")) {
            return NUMBER;
        }
        if (type.equals("interval")) {
            return List.of("'-1 day'", "'0'", "'1000 years'", "NULL");
        }
        return List.of("NULL");
    }

    /**
     * Writes value {@code round} of each column's list into one row of its table (a different row per column and
     * round, so one row collects several odd values and later rounds keep earlier ones where the table has rows
     * enough), and returns how many values were written.
     */
    static int write(Connection connection, List<Column> columns, int round) throws SQLException {
        int written = 0;
        try (Statement s = connection.createStatement()) {
            int index = 0;
            for (Column column : columns) {
                List<String> values = valuesFor(column);
                index++;
                if (round >= values.size() || NAMES_TABLES.contains(column.table() + "." + column.name())) {
                    continue;
                }
                String table = "\"" + column.schema() + "\".\"" + column.table() + "\"";
                String sql = "UPDATE " + table + " SET \"" + column.name() + "\" = (" + values.get(round) + ")::"
                        + column.type() + " WHERE ctid = (SELECT ctid FROM " + table + " ORDER BY ctid OFFSET "
                        + "(" + (index + round * 7) + " % greatest((SELECT count(*) FROM " + table + "), 1)) LIMIT 1)";
                try {
                    written += s.executeUpdate(sql); // each its own transaction: a deferred constraint refuses at commit
                } catch (SQLException refused) {
                    // the schema's own constraints refuse it: nothing could write it
                }
            }
        }
        return written;
    }

    /**
     * Writes one odd value into this column type in every row at once, so that every state's branch of a
     * profile's expressions meets it (a value in one row only reaches the branch of that row's state).
     *
     * @param json true for the JSON columns (JSON of the wrong shape), false for the text ones (text that is not JSON)
     */
    static int writeEverywhere(Connection connection, List<Column> columns, boolean json) throws SQLException {
        int written = 0;
        try (Statement s = connection.createStatement()) {
            for (Column column : columns) {
                List<String> values = valuesFor(column);
                String value = json ? (values == JSON ? "'" + WRONG_JSON + "'"
                        : values == JSON_ARRAY ? "ARRAY['" + WRONG_JSON + "'::jsonb, 'null'::jsonb]" : null)
                        : values == TEXT ? "'not json'" : null;
                if (value == null || NAMES_TABLES.contains(column.table() + "." + column.name())) {
                    continue;
                }
                try {
                    written += s.executeUpdate("UPDATE \"" + column.schema() + "\".\"" + column.table() + "\" SET \""
                            + column.name() + "\" = (" + value + ")::" + column.type());
                } catch (SQLException refused) {
                    // refused by the schema's constraints (a CHECK on the column, a key other rows refer to)
                }
            }
        }
        return written;
    }

    /** The most values any column has: the number of rounds that writes every one. */
    static int rounds(List<Column> columns) {
        return columns.stream().mapToInt(c -> valuesFor(c).size()).max().orElse(0);
    }
}
