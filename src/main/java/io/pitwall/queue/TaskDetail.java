package io.pitwall.queue;

import java.time.Instant;
import java.util.Map;

/**
 * Everything known about one task.
 *
 * @param timestamps the profile's named timestamps (created, claimed, heartbeat, updated, finished, scheduled)
 * @param payload    the payload or params as pretty JSON, or null
 * @param row        every column of the task's row, as JSON text
 */
public record TaskDetail(String profileId, String where, String id, String kind, CanonicalState state,
                         String rawState, String owner, Integer attempts, Integer maxAttempts, String error,
                         String payload, String pipelineKey, Map<String, Instant> timestamps, String row) {
}
