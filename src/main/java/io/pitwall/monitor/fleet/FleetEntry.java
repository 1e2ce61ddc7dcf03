package io.pitwall.monitor.fleet;

import io.pitwall.queue.HealthSeverity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the fleet knows of one connection after a round.
 *
 * @param severity     as {@code pitwall check} judges it; UNKNOWN when it could not be read
 * @param problem      why it is not OK, in words ("cannot reach db1:5432: Connection refused"), or empty
 * @param readAt       when its figures were read; null when they never were
 * @param took         how long this round's read took (up to the round's limit when it did not answer)
 * @param queues       its queues, worst first
 * @param breaches     the thresholds it crossed, one line each
 * @param lag          how far its standby is behind, null when it reads from a primary
 */
public record FleetEntry(FleetMember member, FleetHealth health, HealthSeverity severity, String problem,
                         Instant readAt, Duration took, long stuck, long failed, long queued, Duration oldestQueued,
                         List<FleetQueue> queues, List<String> breaches, Duration lag) {

    public FleetEntry {
        queues = List.copyOf(queues);
        breaches = List.copyOf(breaches);
        problem = problem == null ? "" : problem;
    }

    public String name() {
        return member.name();
    }
}
