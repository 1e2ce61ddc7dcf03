package io.pitwall.monitor.fleet;

import io.pitwall.queue.HealthSeverity;

import java.time.Instant;
import java.util.List;

/** One round of the fleet: every watched connection, worst first. */
public record FleetSnapshot(Instant takenAt, List<FleetEntry> entries) {

    public FleetSnapshot {
        entries = List.copyOf(entries);
    }

    public long count(FleetHealth health) {
        return entries.stream().filter(e -> e.health() == health).count();
    }

    public HealthSeverity worst() {
        return entries.stream().map(FleetEntry::severity).reduce(HealthSeverity.OK, HealthSeverity::worst);
    }
}
