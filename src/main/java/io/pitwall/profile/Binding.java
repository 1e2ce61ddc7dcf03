package io.pitwall.profile;

import io.pitwall.sql.Identifiers;
import io.pitwall.sql.TaskColumns;

/** A profile found in one database: the schema and table it reads, and the queue for per-queue layouts. */
public record Binding(Profile profile, String schema, String table, String queue) {

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
