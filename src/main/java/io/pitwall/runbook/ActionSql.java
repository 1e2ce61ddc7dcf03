package io.pitwall.runbook;

import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.ActionSpec.ActionGuard;
import io.pitwall.profile.Binding;
import io.pitwall.profile.Profile;
import io.pitwall.queue.CanonicalState;
import io.pitwall.sql.Identifiers;
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

    ActionSql(Binding binding, ActionSpec spec, ActionRequest request, String idType) {
        this.binding = binding;
        this.spec = spec;
        this.table = spec.onQueues() ? QUEUES : spec.onTaskTable() ? binding.qualifiedTable()
                : Identifiers.qualified(binding.schema(), spec.table());
        this.idColumn = spec.onQueues() ? "t.queue"
                : "t." + Identifiers.quote(spec.idColumn() != null ? spec.idColumn() : binding.tasks().id());
        this.idType = idType;
        bindParameters(request);
        if (binding.queue() != null) {
            values.put("queue", binding.queue());
        }
        this.selection = selection(request);
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

    private void bindParameters(ActionRequest request) {
        for (String given : request.parameters().keySet()) {
            if (spec.parameter(given).isEmpty()) {
                throw new BadActionRequest("action " + spec.id() + " has no parameter '" + given + "'");
            }
        }
        for (ActionSpec.ActionParameter parameter : spec.parameters()) {
            String text = request.parameters().getOrDefault(parameter.name(), parameter.defaultValue());
            if (text == null) {
                if (parameter.isRequired()) {
                    throw new BadActionRequest("action " + spec.id() + " needs a value for " + parameter.name() + " ("
                            + parameter.description() + "; on the command line --param " + parameter.name() + "=VALUE)");
                }
                values.put(parameter.name(), null);
                continue;
            }
            values.put(parameter.name(), typed(parameter, text));
        }
    }

    private Object typed(ActionSpec.ActionParameter parameter, String text) {
        switch (parameter.type() == null ? "text" : parameter.type()) {
            case "int" -> {
                try {
                    return Integer.parseInt(text.strip());
                } catch (NumberFormatException e) {
                    throw new BadActionRequest(parameter.name() + " must be a whole number, not '" + text + "'");
                }
            }
            case "choice" -> {
                if (!parameter.choices().contains(text)) {
                    throw new BadActionRequest(parameter.name() + " must be one of " + parameter.choices() + ", not '" + text + "'");
                }
                return text;
            }
            default -> {
                return text;
            }
        }
    }

    private String selection(ActionRequest request) {
        Profile profile = binding.profile();
        List<String> conditions = new ArrayList<>();
        if (spec.onQueues() && request.taskIds().isEmpty()) {
            throw new BadActionRequest("action " + spec.id() + " acts on queues: name each with --task QUEUE");
        }
        if (spec.requires().contains("task") && request.taskIds().isEmpty()) {
            throw new BadActionRequest("action " + spec.id() + " needs --task ID (which " + spec.noun() + ")");
        }
        if (spec.requires().contains("kind") && request.kind() == null) {
            throw new BadActionRequest("action " + spec.id() + " needs --kind K (it acts on one kind)");
        }
        if (!request.taskIds().isEmpty()) {
            values.put(IDS, request.taskIds().toArray(String[]::new));
            conditions.add(idColumn + " = ANY(CAST(:" + IDS + " AS " + idType + "[]))");
        } else if (spec.scope() != null) {
            conditions.add("(" + spec.scope() + ")");
        } else {
            throw new BadActionRequest("action " + spec.id() + " acts on named rows only: give --task ID");
        }
        if ((request.kind() != null || request.state() != null) && !spec.onTaskTable()) {
            throw new BadActionRequest("action " + spec.id() + " does not act on tasks: --kind and --state do not apply");
        }
        if (request.kind() != null) {
            String kind = task(profile.tasks().kind());
            if (kind == null) {
                throw new BadActionRequest("profile " + profile.id() + " has no kinds");
            }
            values.put("__kind", request.kind());
            conditions.add(kind + " = :__kind");
        }
        if (request.state() != null) {
            CanonicalState canonical;
            try {
                canonical = CanonicalState.valueOf(request.state().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadActionRequest("--state must be a canonical state (QUEUED, RUNNING, FAILED, ...), not '" + request.state() + "'");
            }
            String[] raw = profile.states().entrySet().stream().filter(e -> e.getValue() == canonical)
                    .map(Map.Entry::getKey).toArray(String[]::new);
            values.put("__states", raw);
            conditions.add(task(profile.tasks().state()) + " = ANY(CAST(:__states AS text[]))");
        }
        if (request.stuck()) {
            if (spec.stuck() == null || spec.onQueues()) {
                throw new BadActionRequest("action " + spec.id() + " has no --stuck selection");
            }
            conditions.add("(" + spec.stuck() + ")");
        }
        return fill(String.join(" AND ", conditions));
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
        String text = own.replace("{schema}", Identifiers.quote(binding.schema())).replace("{table}", table);
        return binding.queue() == null ? text : text.replace("{queue}", binding.queue().replace("\"", "\"\""));
    }

    /** A task field with its placeholders filled, as SQL over alias {@code t}. */
    private String task(String field) {
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

    private static String orNull(String expr) {
        return expr == null ? "NULL" : "(" + expr + ")";
    }

    /** Read-only: what the action would touch and which guard, if any, refuses each row. */
    NamedSql previewSelect() {
        return NamedSql.of("SELECT " + idColumn + "::text, (" + stateExpr() + ")::text, (" + holderExpr() + ")::text, "
                + sinceExpr() + ", " + guardCase + " AS refused_by FROM " + table + " t WHERE " + selection
                + " ORDER BY " + idColumn);
    }

    /** Inside the batch transaction: lock what is still free, and re-check the selection and the guards. */
    NamedSql lockSelect(boolean bulk) {
        // A queue is not a row to lock: what an action on queues touches, its `locks` statements lock.
        return NamedSql.of("SELECT " + idColumn + "::text, " + rowImage() + ", (" + stateExpr() + ")::text, ("
                + holderExpr() + ")::text, " + guardCase + " AS refused_by, " + (bulk ? "(" + selection + ")" : "true")
                + " AS still_selected FROM " + table + " t WHERE " + idColumn + " = ANY(CAST(:__batch AS " + idType
                + "[]))" + (spec.onQueues() ? "" : " FOR UPDATE OF t SKIP LOCKED"));
    }

    /** The before and after image of one row; of a queue, its name and state. */
    private String rowImage() {
        return spec.onQueues() ? "jsonb_build_object('queue', t.queue, 'state', (" + stateExpr() + ")::text)::text"
                : "to_jsonb(t)::text";
    }

    /**
     * The action's {@code locks}, run in the batch transaction before its own rows are locked: other rows the
     * change touches or the guards read, in the queue system's own order. {@code {ids}} is the batch's ids.
     */
    List<NamedSql> lockStatements() {
        return spec.locks().stream()
                .map(lock -> NamedSql.of(fill(lock).replace("{ids}", "CAST(:__batch AS " + idType + "[])"))).toList();
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
            if (!name.startsWith("__batch") && !name.startsWith("__apply")) {
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
