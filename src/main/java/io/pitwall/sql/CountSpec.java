package io.pitwall.sql;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a profile keeps its counts exact where operators look, at the cost of an index read, on a table of any size
 * (the profile's optional {@code counts}). Every field is optional; the defaults come from the state map.
 *
 * @param active    the rows in non-terminal states (those the state map sends to QUEUED, SCHEDULED, RUNNING or
 *                  PAUSED): counted exactly on every refresh, from the index named here
 * @param failed    the FAILED rows: counted exactly while few (below {@link Predicate#exactBelow()} by the planner's
 *                  estimate) and served by an index, estimated otherwise
 * @param estimates per raw state, a predicate the planner can estimate (e.g. {@code t.completed_at IS NOT NULL}
 *                  where the state is a CASE over timestamps); default {@code <state> = 'raw'}
 */
public record CountSpec(Predicate active, Predicate failed, Map<String, String> estimates) {

    /** Failed rows counted exactly below this many (planner estimate) unless the profile says otherwise. */
    public static final long DEFAULT_FAILED_EXACT_BELOW = 100_000;

    public static final CountSpec DEFAULTS = new CountSpec(null, null, null);

    public CountSpec {
        estimates = estimates == null ? Map.of() : Map.copyOf(estimates);
    }

    /**
     * One set of rows counted from an index.
     *
     * @param where      SQL predicate over alias {@code t} selecting exactly these rows, written so an index serves it
     * @param index      the {@code CREATE INDEX CONCURRENTLY ...} that serves it, shown to the operator when no index
     *                   does; placeholders {@code {table}}, {@code {schema}}, {@code {queue}}
     * @param exactBelow for {@code failed}: counted exactly only while the planner expects fewer rows than this
     */
    public record Predicate(String where, String index, Long exactBelow) {
    }

    /**
     * The active predicate for one bound table: the profile's, or {@code <state> IN (<active raw states>)}.
     * Null when the profile maps no raw state to an active state.
     */
    public Predicate activeFor(TaskColumns bound, List<String> activeRawStates, String schema, String table,
                               String queue) {
        return resolve(active, bound, activeRawStates, schema, table, queue, "active", null);
    }

    /** The failed predicate for one bound table; null when no raw state maps to FAILED. */
    public Predicate failedFor(TaskColumns bound, List<String> failedRawStates, String schema, String table,
                               String queue) {
        return resolve(failed, bound, failedRawStates, schema, table, queue, "failed", DEFAULT_FAILED_EXACT_BELOW);
    }

    /** The predicate whose planner estimate stands for one raw state's count. */
    public String estimateFor(String rawState, TaskColumns bound, String schema, String table, String queue) {
        String given = estimates.get(rawState);
        return given != null ? Placeholders.fill(given, schema, table, queue)
                : TaskColumns.expr(bound.state()) + " = " + literal(rawState);
    }

    private static Predicate resolve(Predicate given, TaskColumns bound, List<String> rawStates, String schema,
                                     String table, String queue, String purpose, Long defaultBelow) {
        if (given == null && rawStates.isEmpty()) {
            return null;
        }
        String state = TaskColumns.expr(bound.state());
        String where = given != null && given.where() != null ? Placeholders.fill(given.where(), schema, table, queue)
                : state + " IN (" + rawStates.stream().map(CountSpec::literal).collect(Collectors.joining(", ")) + ")";
        String index = given != null && given.index() != null ? Placeholders.fill(given.index(), schema, table, queue)
                : defaultIndex(bound, rawStates, schema, table, purpose);
        Long below = given != null && given.exactBelow() != null ? given.exactBelow() : defaultBelow;
        return new Predicate(where, index, below);
    }

    /** A partial index over the state column, where the state is a plain column; null for derived states. */
    private static String defaultIndex(TaskColumns bound, List<String> rawStates, String schema, String table,
                                       String purpose) {
        if (!Identifiers.isPlainColumn(bound.state()) || rawStates.isEmpty()) {
            return null;
        }
        String name = Identifiers.quote(table + "_pitwall_" + purpose + "_idx");
        String column = Identifiers.quote(bound.state());
        return "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON " + Identifiers.qualified(schema, table)
                + " (" + column + ") WHERE " + column + " IN ("
                + rawStates.stream().map(CountSpec::literal).collect(Collectors.joining(", ")) + ")";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
