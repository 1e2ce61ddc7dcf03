package io.pitwall.profile;

import java.util.List;
import java.util.Map;

/**
 * How a profile recognises its schema in a database's catalog.
 *
 * @param table         the task table's name; with {@code queues} it is a pattern such as {@code t_{queue}}
 * @param schemas       schemas to look in, in order; empty means any non-system schema
 * @param columns       columns the task table must have, each {@code name} or {@code name:type}
 * @param absentColumns columns whose presence means this is another system's table of the same name
 * @param queues        for per-queue layouts, where the queue names are listed
 * @param tables        other tables of the same schema the profile reads (Solid Queue keeps a job's state in its
 *                      execution tables), each with the columns it must have, written like {@code columns}
 * @param optionalColumns columns one schema version has and another lacks, each {@code name} or {@code name:type},
 *                      to the SQL that stands in for {@code t.name} where the table lacks it (e.g. pg-boss v10's
 *                      {@code expire_in} interval for v11's {@code expire_seconds}); a present one must have its type
 */
public record Detect(String table, List<String> schemas, List<String> columns, List<String> absentColumns,
                     QueueDiscovery queues, java.util.Map<String, List<String>> tables,
                     Map<String, String> optionalColumns) {

    public Detect {
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        columns = columns == null ? List.of() : List.copyOf(columns);
        absentColumns = absentColumns == null ? List.of() : List.copyOf(absentColumns);
        tables = tables == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tables));
        optionalColumns = optionalColumns == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(optionalColumns));
    }

    public Detect(String table, List<String> schemas, List<String> columns, List<String> absentColumns,
                  QueueDiscovery queues) {
        this(table, schemas, columns, absentColumns, queues, null, null);
    }

    /** The column name of a {@code name} or {@code name:type} spec. */
    public static String columnName(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? spec : spec.substring(0, colon);
    }

    /** The type of a {@code name:type} spec, or null for any type. */
    public static String columnType(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? null : spec.substring(colon + 1);
    }

    /** Whether a table name is this profile's task table (for a per-queue pattern, of any queue). */
    public boolean tableMatches(String name) {
        if (name == null || table == null) {
            return false;
        }
        int at = table.indexOf("{queue}");
        if (at < 0) {
            return table.equals(name);
        }
        String prefix = table.substring(0, at);
        String suffix = table.substring(at + "{queue}".length());
        return name.length() > prefix.length() + suffix.length() && name.startsWith(prefix) && name.endsWith(suffix);
    }

    /** A table in the same schema whose column lists the queues, e.g. real Absurd's {@code absurd.queues}. */
    public record QueueDiscovery(String table, String column) {
    }
}
