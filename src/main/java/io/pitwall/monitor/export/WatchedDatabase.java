package io.pitwall.monitor.export;

import io.pitwall.monitor.health.HealthReader;

/** One database the metrics endpoint reports on, under the name that becomes its {@code connection} label. */
public record WatchedDatabase(String name, HealthReader reader) {
}
