package io.pitwall.monitor.fleet;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.SavedConnections;
import io.pitwall.queue.HealthThreshold;

import java.util.List;

/**
 * One connection the fleet watches.
 *
 * @param target     the primary; null when {@code problem} says why it cannot be watched
 * @param standby    the hot standby its monitoring reads from, or null
 * @param thresholds what makes it a warning or critical, as {@code pitwall check} judges it
 * @param problem    why the saved entry cannot be used (a bad URI), or null
 * @param saved      the saved entry it came from, as the Connect dialog would open it; null for one given otherwise
 */
public record FleetMember(ConnectionIdentity identity, ConnectionTarget target, ConnectionTarget standby,
                          List<HealthThreshold> thresholds, String problem, SavedConnections.Saved saved) {

    public FleetMember {
        thresholds = List.copyOf(thresholds);
    }

    public FleetMember(ConnectionIdentity identity, ConnectionTarget target, List<HealthThreshold> thresholds) {
        this(identity, target, null, thresholds, null, null);
    }

    public String name() {
        return identity.name();
    }
}
