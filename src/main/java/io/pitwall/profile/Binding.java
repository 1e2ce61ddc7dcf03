package io.pitwall.profile;

import io.pitwall.sql.Identifiers;
import io.pitwall.sql.OptionalColumns;
import io.pitwall.sql.TaskColumns;

import java.util.List;
import java.util.Map;

/**
 * A profile found in one database: the schema and table it reads, and the queue for per-queue layouts.
 *
 * @param unavailable action id → why this database cannot run it (a function or column it requires is missing);
 *                    such an action is not offered here
 * @param fallbacks   the profile's optional columns this table lacks, each to the SQL that stands in for it
 */
public record Binding(Profile profile, String schema, String table, String queue, Map<String, String> unavailable,
                      Map<String, String> fallbacks) {

    public Binding {
        unavailable = unavailable == null ? Map.of() : Map.copyOf(unavailable);
        fallbacks = fallbacks == null ? Map.of() : Map.copyOf(fallbacks);
    }

    public Binding(Profile profile, String schema, String table, String queue) {
        this(profile, schema, table, queue, Map.of(), Map.of());
    }

    public Binding(Profile profile, String schema, String table, String queue, Map<String, String> unavailable) {
        this(profile, schema, table, queue, unavailable, Map.of());
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
     * What an action's {@code set} writes on this table, column to SQL. Where the table lacks an optional column (a
     * schema version without it), a stand-in that is just another column ({@code t.startedon} for pg-boss v9's
     * {@code started_on}) is a rename and is written instead; any other stand-in is left out, as that version's own
     * tooling does not write the column either.
     */
    public Map<String, String> writes(ActionSpec spec) {
        Map<String, String> writes = new java.util.LinkedHashMap<>();
        spec.set().forEach((column, value) -> {
            String fallback = spec.onTaskTable() ? fallbacks.get(column) : null;
            java.util.regex.Matcher rename = fallback == null ? null : RENAME.matcher(fallback.strip());
            if (fallback == null) {
                writes.put(column, value);
            } else if (rename.matches()) {
                writes.put(rename.group(1) != null ? rename.group(1) : rename.group(2), value);
            }
        });
        return writes;
    }

    private static final java.util.regex.Pattern RENAME =
            java.util.regex.Pattern.compile("t\\.(?:\"([^\"]+)\"|([a-z_][a-z0-9_]*))");

    /** Null when the action can run here, else why not. */
    public String whyNotOffered(String actionId) {
        return unavailable.get(actionId);
    }

    /** The profile's actions this database can run. */
    public List<ActionSpec> offeredActions() {
        return profile.actions().stream().filter(a -> !unavailable.containsKey(a.id())).toList();
    }

    /**
     * The profile's task fields with {@code {schema}}, {@code {table}} and {@code {queue}} filled in for this table,
     * and its absent optional columns read as their stand-ins. Build task SQL from this, not from
     * {@code profile().tasks()}.
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
