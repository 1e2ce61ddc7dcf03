package io.pitwall.queue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one task.
 *
 * @param timestamps the profile's named timestamps (created, claimed, heartbeat, updated, finished, scheduled)
 * @param payload    the payload or params as pretty JSON, or null
 * @param row        every column of the task's row, as JSON text
 * @param history    its runs, attempts or checkpoints where the profile names a history table; else empty
 */
public record TaskDetail(String profileId, String where, String id, String kind, CanonicalState state,
                         String rawState, String owner, Integer attempts, Integer maxAttempts, String error,
                         String payload, String pipelineKey, Map<String, Instant> timestamps, String row,
                         List<Span> history) {

    public TaskDetail {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public TaskDetail withHistory(List<Span> spans) {
        return new TaskDetail(profileId, where, id, kind, state, rawState, owner, attempts, maxAttempts, error,
                payload, pipelineKey, timestamps, row, spans);
    }
}
