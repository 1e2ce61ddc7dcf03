package io.pitwall.runbook;

import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.Binding;
import io.pitwall.profile.Profile;
import io.pitwall.queue.CanonicalState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The operator's selectors of one action request as SQL conditions over alias {@code t}, values bound by name. */
final class SelectorConditions {

    private SelectorConditions() {
    }

    /** Every selector narrows: named ids, kind, state (and, apart, the stuck rule) are one intersection. */
    static String of(ActionSql sql, ActionRequest request) {
        ActionSpec spec = sql.spec;
        Binding binding = sql.binding;
        Map<String, Object> values = sql.values;
        String idColumn = sql.idColumn;
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
        if (spec.requires().contains("queue") && request.queue() == null) {
            throw new BadActionRequest("action " + spec.id() + " needs --queue Q (it acts on one queue)");
        }
        if (!request.taskIds().isEmpty()) {
            values.put(ActionSql.IDS, request.taskIds().toArray(String[]::new));
            conditions.add(idColumn + " = ANY(CAST(:" + ActionSql.IDS + " AS " + sql.idType + "[]))");
        } else if (request.stuck()) {
            // Like --task, --stuck names the rows itself (the stuck ones); the guards say why any of them is refused.
            if (spec.stuck() == null && spec.scope() == null) {
                throw new BadActionRequest("action " + spec.id() + " acts on named rows only: give --task ID");
            }
        } else if (spec.scope() != null) {
            conditions.add("(" + spec.scope() + ")");
        } else {
            throw new BadActionRequest("action " + spec.id() + " acts on named rows only: give --task ID");
        }
        if ((request.kind() != null || request.state() != null) && !spec.onTaskTable()) {
            throw new BadActionRequest("action " + spec.id() + " does not act on tasks: --kind and --state do not apply");
        }
        if (request.kind() != null) {
            String kind = sql.task(profile.tasks().kind());
            if (kind == null) {
                throw new BadActionRequest("profile " + profile.id() + " has no kinds");
            }
            values.put("__kind", request.kind());
            conditions.add(kind + " = :__kind");
        }
        if (request.queue() != null && binding.queue() == null) {
            // A per-queue layout's queue is chosen with its binding (Runbook); here the queue is a value in a row.
            String queue = spec.onQueues() ? "t.queue" : spec.onTaskTable() ? sql.task(profile.tasks().queue())
                    : ActionSql.orNullOrAbsent(sql.fill(spec.show().get("queue")));
            if (queue == null) {
                throw new BadActionRequest(spec.onTaskTable() ? "profile " + profile.id() + " has no queues (tasks.queue)"
                        : "action " + spec.id() + " does not act per queue (its show.queue is not set)");
            }
            values.put("__queue", request.queue());
            conditions.add("(" + queue + ")::text = :__queue");
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
            // As text: a state column may be an enum (River's river_job_state, Oban's oban_job_state).
            conditions.add("(" + sql.task(profile.tasks().state()) + ")::text = ANY(CAST(:__states AS text[]))");
        }
        return conditions.isEmpty() ? "TRUE" : sql.fill(String.join(" AND ", conditions));
    }
}
