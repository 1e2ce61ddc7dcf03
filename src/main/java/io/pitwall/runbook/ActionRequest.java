package io.pitwall.runbook;

import java.util.List;
import java.util.Map;

/**
 * What the operator asked for: an action of a profile, the rows it selects, its parameters and the reason.
 *
 * @param taskIds ids named one by one; empty means a bulk request over the action's scope
 * @param state   a canonical state name, matched through the profile's state map
 * @param all     the operator said {@code --all}: an action with no undo may run with no selector at all
 * @param queue   only rows of this queue: the profile's {@code tasks.queue} on the task table, the action's
 *                {@code show.queue} on another table (a queue table), or one queue of a per-queue layout; null for all
 */
public record ActionRequest(String profileId, String actionId, List<String> taskIds, String kind, String state,
                            boolean stuck, Map<String, String> parameters, String reason, boolean all, String queue) {

    public ActionRequest {
        taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        queue = queue == null || queue.isBlank() ? null : queue;
    }

    /** A request across every queue, without --all. */
    public ActionRequest(String profileId, String actionId, List<String> taskIds, String kind, String state,
                         boolean stuck, Map<String, String> parameters, String reason) {
        this(profileId, actionId, taskIds, kind, state, stuck, parameters, reason, false, null);
    }

    public ActionRequest(String profileId, String actionId, List<String> taskIds, String kind, String state,
                         boolean stuck, Map<String, String> parameters, String reason, boolean all) {
        this(profileId, actionId, taskIds, kind, state, stuck, parameters, reason, all, null);
    }

    public ActionRequest(String profileId, String actionId, List<String> taskIds, String kind, String state,
                         boolean stuck, Map<String, String> parameters, String reason, String queue) {
        this(profileId, actionId, taskIds, kind, state, stuck, parameters, reason, false, queue);
    }

    public ActionRequest withReason(String newReason) {
        return new ActionRequest(profileId, actionId, taskIds, kind, state, stuck, parameters, newReason, all, queue);
    }

    /** Whether the operator narrowed the rows at all. */
    public boolean hasSelector() {
        return !taskIds.isEmpty() || kind != null || state != null || stuck || queue != null;
    }

    /** The selector as the audit records it. */
    public Map<String, Object> selector() {
        Map<String, Object> selector = new java.util.LinkedHashMap<>();
        if (!taskIds.isEmpty()) {
            selector.put("task", taskIds);
        }
        if (kind != null) {
            selector.put("kind", kind);
        }
        if (state != null) {
            selector.put("state", state);
        }
        if (queue != null) {
            selector.put("queue", queue);
        }
        if (stuck) {
            selector.put("stuck", true);
        }
        if (all) {
            selector.put("all", true);
        }
        return selector;
    }
}
