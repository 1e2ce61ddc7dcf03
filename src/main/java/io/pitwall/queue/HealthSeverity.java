package io.pitwall.queue;

/**
 * A check's verdict, ordered from best to worst, with the monitoring-plugin exit code (Nagios, Icinga, Sensu,
 * Checkmk all read these).
 */
public enum HealthSeverity {
    OK(0), WARNING(1), CRITICAL(2), UNKNOWN(3);

    private final int exitCode;

    HealthSeverity(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public HealthSeverity worst(HealthSeverity other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
