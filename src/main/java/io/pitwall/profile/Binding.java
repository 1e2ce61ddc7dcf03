package io.pitwall.profile;

import io.pitwall.sql.Identifiers;
import io.pitwall.sql.TaskColumns;

import java.util.List;
import java.util.Map;

/**
 * A profile found in one database: the schema and table it reads, and the queue for per-queue layouts.
 *
 * @param unavailable action id → why this database cannot run it (a function or column it requires is missing);
 *                    such an action is not offered here
 */
public record Binding(Profile profile, String schema, String table, String queue, Map<String, String> unavailable) {

    public Binding {
        unavailable = unavailable == null ? Map.of() : Map.copyOf(unavailable);
    }

    public Binding(Profile profile, String schema, String table, String queue) {
        this(profile, schema, table, queue, Map.of());
    }

    /** Null when the action can run here, else why not. */
    public String whyNotOffered(String actionId) {
        return unavailable.get(actionId);
    }

    /** The profile's actions this database can run. */
    public List<ActionSpec> offeredActions() {
        return profile.actions().stream().filter(a -> !unavailable.containsKey(a.id())).toList();
    }

    /**
     * The profile's task fields with {@code {schema}}, {@code {table}} and {@code {queue}} filled in for this table.
     * Build task SQL from this, not from {@code profile().tasks()}.
     */
    public TaskColumns tasks() {
        return profile.tasks().bind(schema, table, queue);
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
