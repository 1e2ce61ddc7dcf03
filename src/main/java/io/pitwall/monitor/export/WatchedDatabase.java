package io.pitwall.monitor.export;

import io.pitwall.monitor.health.HealthReader;

/**
 * One database the metrics endpoint reports on, under the name that becomes its {@code connection} label.
 *
 * @param lag the standby its monitoring reads, whose lag is reported; null when it reads the primary
 */
public record WatchedDatabase(String name, HealthReader reader, StandbyLag lag) {

    public WatchedDatabase(String name, HealthReader reader) {
        this(name, reader, null);
    }
}
