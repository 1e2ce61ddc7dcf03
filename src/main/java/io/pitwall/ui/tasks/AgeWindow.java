package io.pitwall.ui.tasks;

import java.time.Duration;

/** The age filter's choices, as an operator thinks of them at night. */
public enum AgeWindow {
    ANY("any time", null, null),
    LAST_15_MIN("last 15 min", null, Duration.ofMinutes(15)),
    LAST_HOUR("last hour", null, Duration.ofHours(1)),
    LAST_DAY("last 24 h", null, Duration.ofDays(1)),
    OLDER_THAN_HOUR("older than 1 h", Duration.ofHours(1), null),
    OLDER_THAN_DAY("older than 24 h", Duration.ofDays(1), null);

    private final String label;
    private final Duration olderThan;
    private final Duration newerThan;

    AgeWindow(String label, Duration olderThan, Duration newerThan) {
        this.label = label;
        this.olderThan = olderThan;
        this.newerThan = newerThan;
    }

    Duration olderThan() {
        return olderThan;
    }

    Duration newerThan() {
        return newerThan;
    }

    @Override
    public String toString() {
        return label;
    }
}
