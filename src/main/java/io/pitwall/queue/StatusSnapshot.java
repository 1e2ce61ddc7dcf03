package io.pitwall.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Everything one status refresh read, taken at one moment. */
public record StatusSnapshot(Instant takenAt, Duration took, List<QueueStatus> queues) {
}
