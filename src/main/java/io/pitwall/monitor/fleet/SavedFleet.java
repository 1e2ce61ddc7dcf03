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
        io.pitwall.profile.ProfileRegistry registry = new io.pitwall.profile.ProfileLoader().loadAll();
        return new FleetWatcher(load(saved, checks, TargetResolver.fromSystem()), registry, settings);
    }

    static FleetMember member(SavedConnections.Saved entry, SavedChecks checks, TargetResolver resolver) {
        List<HealthThreshold> thresholds;
        try {
            thresholds = thresholds(checks.forConnection(entry.name()));
        } catch (IOException | IllegalArgumentException e) {
            return new FleetMember(entry.identity(), null, null, List.of(), "thresholds: " + e.getMessage(), entry);
        }
        try {
            ConnectionTarget target = resolver.resolve(entry.uri());
            ConnectionTarget standby = entry.standbyUri() == null ? null : resolver.resolve(entry.standbyUri());
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
