package io.pitwall.queue;

import java.time.Instant;
import java.util.List;

/**
 * A lease holder or worker id seen in a queue: what it holds now and when it last showed life.
 *
 * @param holding tasks it holds that are in a running state
 * @param lastSeen the latest claim, heartbeat or update among its tasks
 */
public record WorkerSummary(String profileId, String where, String worker, long holding, List<String> kinds,
                            Instant lastSeen, List<String> taskIds) {
}
