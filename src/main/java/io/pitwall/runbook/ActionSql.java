package io.pitwall.runbook;

import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.ActionSpec.ActionGuard;
import io.pitwall.profile.Binding;
import io.pitwall.sql.Identifiers;
import io.pitwall.sql.StuckRule;
import io.pitwall.sql.TaskColumns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL of one action on one binding: selection, guards, lock, apply. Profile fragments are trusted like a
 * runbook; everything from the operator is a named bind parameter.
 */
final class ActionSql {

    static final String IDS = "__ids";
    /** The rows of an action on queues: each queue the operator named, once, as {@code t.queue}. */
    static final String QUEUES = "(SELECT DISTINCT q AS queue FROM unnest(CAST(:" + IDS + " AS text[])) q)";

    final Binding binding;
    final ActionSpec spec;
    final String table;
    final String idColumn;
    final String idType;
    final String selection;
    final String guardCase;
    final Map<String, Object> values = new LinkedHashMap<>();

    final String baseSelection;
    final String stuckSelection;
    private final StuckSelection stuck;

    ActionSql(Binding binding, ActionSpec spec, ActionRequest request, String idType, List<StuckRule> stuckRules) {
        this.binding = binding;
        this.spec = spec;
        this.table = spec.onQueues() ? QUEUES : spec.onTaskTable() ? binding.qualifiedTable()
                : Identifiers.qualified(binding.schema(), spec.table());
        this.idColumn = spec.onQueues() ? "t.queue"
                : "t." + Identifiers.quote(spec.idColumn() != null ? spec.idColumn() : binding.tasks().id());
        this.idType = idType;
        this.stuck = new StuckSelection(binding, spec, idColumn, values);
        ActionParameters.bind(spec, request.parameters(), values);
        if (binding.queue() != null) {
            values.put("queue", binding.queue());
        }
        // The schema as a value, for a system's own notification channels ("<schema>.river_control").
        values.putIfAbsent("schema", binding.schema());
        this.baseSelection = SelectorConditions.of(this, request);
        this.stuckSelection = request.stuck() ? stuckSelection(stuckRules) : null;
        this.selection = stuckSelection == null ? baseSelection : baseSelection + " AND " + stuckSelection;
        this.guardCase = guardCase();
    }

    /** The id column's SQL type, so {@code = ANY(...)} can use the primary key index. */
    static String idColumnName(Binding binding, ActionSpec spec) {
        return spec.idColumn() != null ? spec.idColumn() : binding.tasks().id();
    }

    static String tableName(Binding binding, ActionSpec spec) {
        if (spec.onQueues()) {
            return "queues";
        }
        return spec.onTaskTable() ? binding.table() : spec.table();
    }

    /** The action's own stuck SQL, else the profile's stuck rules for its object (all of them, any threshold). */
    private String stuckSelection(List<StuckRule> rules) {
        if (spec.onQueues()) {
            throw new BadActionRequest("action " + spec.id() + " acts on queues: it has no --stuck selection");
        }
        if (spec.stuck() != null) {
            return "(" + fill(spec.stuck()) + ")";
        }
        if (StuckSelection.rulesFor(binding, spec).isEmpty()) {
            throw new BadActionRequest("action " + spec.id() + " has no --stuck selection: profile " + binding.profile().id()
                    + " has no stuck rule for a " + spec.objectOrTask());
        }
        return stuck.predicate(rules);
    }

    private String guardCase() {
        if (spec.guards().isEmpty()) {
            return "NULL::int";
        }
        StringBuilder sql = new StringBuilder("CASE");
        for (int i = 0; i < spec.guards().size(); i++) {
            sql.append(" WHEN (").append(fill(spec.guards().get(i).refuse())).append(") THEN ").append(i);
        }
        return sql.append(" END").toString();
    }

    /**
     * Profile placeholders: {@code {schema}} the quoted schema, {@code {table}} the action's quoted table,
     * {@code {queue}} the queue name inside a quoted identifier (real Absurd's {@code "r_{queue}"}). As a value the
     * queue is the bind parameter {@code :queue}.
     */
    String fill(String fragment) {
        if (fragment == null) {
            return null;
        }
        String own = spec.onTaskTable() ? binding.withFallbacks(fragment) : fragment;
        String text = stuck.thresholds(own).replace("{schema}", Identifiers.quote(binding.schema())).replace("{table}", table);
        return binding.queue() == null ? text : text.replace("{queue}", binding.queue().replace("\"", "\"\""));
    }

    /** A task field with its placeholders filled, as SQL over alias {@code t}. */
    String task(String field) {
        return TaskColumns.expr(fill(field));
    }

    String stateExpr() {
        return spec.onTaskTable() ? task(binding.profile().tasks().state()) : orNull(fill(spec.show().get("state")));
    }

    String holderExpr() {
        String owner = task(binding.profile().tasks().owner());
        return spec.onTaskTable() ? (owner == null ? "NULL" : owner) : orNull(fill(spec.show().get("holder")));
    }

    String sinceExpr() {
        if (!spec.onTaskTable()) {
            return orNull(fill(spec.show().get("since"))) + "::timestamptz";
        }
        // Raw fields: task() fills the placeholders, and NamedSql escapes the whole statement once.
        var tasks = binding.profile().tasks();
        List<String> candidates = new ArrayList<>();
        for (String field : new String[]{tasks.claimedAt(), tasks.updatedAt(), tasks.createdAt()}) {
            String expr = task(field);
            if (expr != null) {
                candidates.add(expr);
            }
        }
        return candidates.isEmpty() ? "NULL::timestamptz" : "coalesce(" + String.join(", ", candidates) + ")::timestamptz";
    }

    static String orNullOrAbsent(String expr) {
        return expr == null || expr.isBlank() ? null : "(" + expr + ")";
    }

    private static String orNull(String expr) {
        return expr == null ? "NULL" : "(" + expr + ")";
    }

    /** Read-only: what the action would touch and which guard, if any, refuses each row. */
    NamedSql previewSelect() {
        return NamedSql.of("SELECT " + idColumn + "::text, (" + stateExpr() + ")::text, (" + holderExpr() + ")::text, "
                + sinceExpr() + ", " + guardCase + " AS refused_by, octet_length(to_jsonb(t)::text) FROM " + table + " t WHERE " + selection
                + " ORDER BY " + idColumn);
    }

    /**
     * The action's {@code locks}, run in the batch transaction before its own rows are locked: other rows the
     * change touches or the guards read, in the queue system's own order (real Absurd's run rows before the task
     * row). {@code {ids}} is the batch's ids; each waits at most the lock timeout.
     */
    List<NamedSql> lockStatements() {
        return spec.locks().stream()
                .map(lock -> NamedSql.of(fill(lock).replace("{ids}", "CAST(:__batch AS " + idType + "[])"))).toList();
    }

    /** The before and after image of one row; of a queue, its name and state. */
    private String rowImage() {
        return spec.onQueues() ? "jsonb_build_object('queue', t.queue, 'state', (" + stateExpr() + ")::text)::text"
                : "to_jsonb(t)::text";
    }

    /**
     * Inside the batch transaction: lock what is still free; a row another session holds is not waited for. A queue
     * is not a row to lock: what an action on queues touches, its {@code locks} statements lock.
     */
    NamedSql lockRows() {
        return NamedSql.of("SELECT " + idColumn + "::text FROM " + table + " t WHERE " + idColumn + " = ANY(CAST(:__batch AS "
                + idType + "[])) ORDER BY " + idColumn + (spec.onQueues() ? "" : " FOR UPDATE OF t SKIP LOCKED"));
    }

    /**
     * After the lock, in a statement of its own (so it reads what was committed up to the lock, and the rows cannot
     * change under it): the whole selection, stuck rule included, and the guards, on the locked rows.
     */
    NamedSql recheck() {
        return NamedSql.of("SELECT " + idColumn + "::text, " + rowImage() + ", (" + stateExpr() + ")::text, ("
                + holderExpr() + ")::text, " + guardCase + " AS refused_by, (" + baseSelection + ") AS still_selected, "
                + (stuckSelection == null ? "true" : stuckSelection) + " AS still_stuck FROM " + table + " t WHERE "
                + idColumn + " = ANY(CAST(:__locked AS " + idType + "[])) ORDER BY " + idColumn);
    }

    /** One row's guards again, just before it alone is applied: for guards that read other rows of the batch. */
    NamedSql guardOne() {
        return NamedSql.of("SELECT " + guardCase + " FROM " + table + " t WHERE " + idColumn + " = ANY(CAST(:__apply AS "
                + idType + "[]))");
    }

    /** What the operator reads as the statements of one batch. */
    String batchSql() {
        StringBuilder sql = new StringBuilder();
        lockStatements().forEach(lock -> sql.append(lock.named()).append(";\n"));
        return sql.append(lockRows().named()).append(";\n").append(recheck().named()).append(";\n")
                .append(apply().named()).append(';').toString();
    }

    NamedSql existing() {
        return NamedSql.of("SELECT " + idColumn + "::text FROM " + table + " t WHERE " + idColumn
                + " = ANY(CAST(:__batch AS " + idType + "[]))");
    }

    /** The change itself, applied to the locked rows that passed the guards. */
    NamedSql apply() {
        String ids = "CAST(:__apply AS " + idType + "[])";
        if (!spec.set().isEmpty()) {
            String assignments = binding.writes(spec).entrySet().stream()
                    .map(e -> Identifiers.quote(e.getKey()) + " = " + fill(e.getValue()))
                    .collect(Collectors.joining(", "));
            return NamedSql.of("UPDATE " + table + " t SET " + assignments + " WHERE " + idColumn + " = ANY(" + ids + ")");
        }
        return NamedSql.of(fill(spec.statement()).replace("{ids}", ids));
    }

    static List<String> setColumns(Binding binding, ActionSpec spec) {
        return List.copyOf(binding.writes(spec).keySet());
    }

    NamedSql afterImages() {
        return NamedSql.of("SELECT " + idColumn + "::text, " + rowImage() + " FROM " + table + " t WHERE " + idColumn
                + " = ANY(CAST(:__apply AS " + idType + "[]))");
    }

    /** Parameters the operator or the profile gave, without the executor's own (ids, batches). */
    Map<String, Object> operatorValues() {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (!name.startsWith("__batch") && !name.startsWith("__apply") && !name.startsWith("__locked")) {
                shown.put(name.startsWith("__") ? name.substring(2) : name,
                        value instanceof String[] array ? List.of(array) : value);
            }
        });
        return shown;
    }

    String reason(int guardIndex, String state, String holder) {
        ActionGuard guard = spec.guards().get(guardIndex);
        String reason = guard.reason().replace("{state}", state == null ? "unknown" : state)
                .replace("{holder}", holder == null ? "no holder" : holder);
        for (Map.Entry<String, Object> value : values.entrySet()) {
            reason = reason.replace("{" + value.getKey() + "}", String.valueOf(value.getValue()));
        }
        return reason;
    }
}
