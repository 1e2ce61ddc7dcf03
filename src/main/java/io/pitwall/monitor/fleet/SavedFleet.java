package io.pitwall.monitor.fleet;

import io.pitwall.connect.BadTargetException;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.SavedChecks;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.TargetResolver;
import io.pitwall.queue.HealthMetric;
import io.pitwall.queue.HealthThreshold;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fleet of saved connections: every entry of connections.json, judged by its section of checks.json (and
 * {@code *}) as {@code pitwall check --connection NAME} judges it; with no threshold at all, one stuck task warns.
 */
public final class SavedFleet {

    private SavedFleet() {
    }

    public static List<FleetMember> load(SavedConnections saved, SavedChecks checks, TargetResolver resolver) {
        List<FleetMember> members = new ArrayList<>();
        for (SavedConnections.Saved entry : saved.list()) {
            members.add(member(entry, checks, resolver));
        }
        return members;
    }

    /** A watcher over every saved connection, with the built-in and the user's profiles. */
    public static FleetWatcher watcher(SavedConnections saved, SavedChecks checks, FleetWatcher.Settings settings) {
        return watcher(saved, checks, settings, null);
    }

    /**
     * As above, with the console's current connection read through the console's own session (its pools and
     * background counts), so the database the window is on is not given a second set by the fleet: the saved entry
     * that is it, or, when none is (the demo, a URL given on the command line), the connection itself.
     */
    public static FleetWatcher watcher(SavedConnections saved, SavedChecks checks, FleetWatcher.Settings settings,
                                       io.pitwall.monitor.MonitorSession current) {
        io.pitwall.profile.ProfileRegistry registry = new io.pitwall.profile.ProfileLoader().loadAll();
        List<FleetMember> members = new ArrayList<>(load(saved, checks, TargetResolver.fromSystem()));
        FleetMember currentMember = null;
        if (current != null) {
            currentMember = members.stream().filter(m -> isSameDatabase(m, current)).findFirst()
                    .orElseGet(() -> current(current, checks));
            members.remove(currentMember);
        }
        FleetWatcher watcher = new FleetWatcher(members, registry, settings);
        return currentMember == null ? watcher : watcher.alsoWatching(currentMember, current);
    }

    /** The console's current connection as a fleet member: judged by its section of checks.json, not saved. */
    static FleetMember current(io.pitwall.monitor.MonitorSession session, SavedChecks checks) {
        var identity = session.pools().identity();
        List<HealthThreshold> thresholds;
        try {
            thresholds = thresholds(checks.forConnection(identity.name()));
        } catch (IOException | IllegalArgumentException e) {
            // Still watched, by the default (a stuck task warns): the dashboard's banner says what is wrong with the file.
            thresholds = thresholds(Map.of());
        }
        return new FleetMember(identity, session.pools().target(), session.pools().standby(), thresholds, null, null);
    }

    private static boolean isSameDatabase(FleetMember member, io.pitwall.monitor.MonitorSession session) {
        return member.target() != null
                && member.target().displayUri().equals(session.pools().target().displayUri());
    }

    static FleetMember member(SavedConnections.Saved entry, SavedChecks checks, TargetResolver resolver) {
        List<HealthThreshold> thresholds;
        try {
            thresholds = thresholds(checks.forConnection(entry.name()));
        } catch (IOException | IllegalArgumentException e) {
            return new FleetMember(entry.identity(), null, null, List.of(), "thresholds: " + e.getMessage(), entry);
        }
        try {
            ConnectionTarget target = resolver.resolve(entry.uri()).withBastion(entry.bastion());
            ConnectionTarget standby = entry.standbyUri() == null ? null
                    : resolver.resolve(entry.standbyUri()).withBastion(entry.bastion());
            return new FleetMember(entry.identity(), target, standby, thresholds, null, entry);
        } catch (BadTargetException | IllegalArgumentException e) {
            return new FleetMember(entry.identity(), null, null, thresholds, "saved connection: " + e.getMessage(), entry);
        }
    }

    static List<HealthThreshold> thresholds(Map<String, List<String>> texts) {
        List<HealthThreshold> thresholds = new ArrayList<>();
        texts.forEach((metricId, values) -> {
            HealthMetric metric = HealthMetric.of(metricId);
            for (String text : values) {
                try {
                    thresholds.add(HealthThreshold.parse(metric, text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(metricId + " " + text + ": " + e.getMessage(), e);
                }
            }
        });
        if (thresholds.isEmpty()) {
            thresholds.add(HealthThreshold.parse(HealthMetric.STUCK, "1"));
        }
        return thresholds;
    }
}
