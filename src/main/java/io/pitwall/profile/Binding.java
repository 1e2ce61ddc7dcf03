package io.pitwall.profile;

import io.pitwall.sql.Identifiers;
import io.pitwall.sql.OptionalColumns;
import io.pitwall.sql.TaskColumns;

import java.util.Map;

/**
 * A profile found in one database: the schema and table it reads, and the queue for per-queue layouts.
 *
 * @param fallbacks the profile's optional columns this table lacks, each to the SQL that stands in for it
 */
public record Binding(Profile profile, String schema, String table, String queue, Map<String, String> fallbacks) {

    public Binding {
        fallbacks = fallbacks == null ? Map.of() : Map.copyOf(fallbacks);
    }

    public Binding(Profile profile, String schema, String table, String queue) {
        this(profile, schema, table, queue, Map.of());
    }

    /** The profile's optional columns absent from a table whose columns are {@code present}, with their stand-ins. */
    public static Map<String, String> fallbacksFor(Profile profile, java.util.Collection<String> present) {
        Map<String, String> absent = new java.util.LinkedHashMap<>();
        profile.detect().optionalColumns().forEach((spec, fallback) -> {
            if (!present.contains(Detect.columnName(spec))) {
                absent.put(Detect.columnName(spec), fallback);
            }
        });
        return absent;
    }

    /**
     * A fragment over the task alias {@code t} with this table's absent optional columns read as their stand-ins;
     * placeholders are filled by the caller, which knows what {@code {table}} means there.
     */
    public String withFallbacks(String sql) {
        return OptionalColumns.apply(sql, fallbacks);
    }

    /**
     * The profile's task fields with {@code {schema}}, {@code {table}} and {@code {queue}} filled in for this table.
     * Build task SQL from this, not from {@code profile().tasks()}.
     */
    public TaskColumns tasks() {
        return profile.tasks().bind(schema, table, queue, fallbacks);
    }

    public String qualifiedTable() {
        return Identifiers.qualified(schema, table);
    }

    /** Where an operator would look: {@code schema.table}, as psql prints it. */
    public String where() {
        return schema + "." + table;
    }

    public String displayName() {
        return queue == null ? profile.title() : profile.title() + " · " + queue;
    }
}
