package io.pitwall.cli;

import io.pitwall.queue.Ages;
import io.pitwall.queue.HealthSeverity;
import io.pitwall.queue.ReplicaLag;

import java.time.Duration;

/**
 * check's verdict on the standby a connection monitors: its lag against --replica-lag WARN[,CRIT] (durations; by
 * default a warning past 30 s, where the console's top bar turns to its warning colour), and a warning when it is
 * not streaming from the primary (its figures may be any age then).
 *
 * @param critical null: no critical level
 */
record ReplicaLagCheck(Duration warn, Duration critical) {

    static final ReplicaLagCheck DEFAULT = new ReplicaLagCheck(Duration.ofSeconds(30), null);

    static ReplicaLagCheck parse(String text) {
        if (text == null) {
            return DEFAULT;
        }
        String[] parts = text.strip().split(",", -1);
        if (parts.length > 2 || text.isBlank()) {
            throw new IllegalArgumentException("--replica-lag " + text + ": expected WARN[,CRIT], e.g. 30s,5m");
        }
        try {
            Duration warn = parts[0].isBlank() ? null : Ages.parse(parts[0].strip());
            Duration critical = parts.length < 2 || parts[1].isBlank() ? null : Ages.parse(parts[1].strip());
            if (warn == null && critical == null) {
                throw new IllegalArgumentException("a threshold needs a warning or a critical value");
            }
            if (warn != null && critical != null && critical.compareTo(warn) < 0) {
                throw new IllegalArgumentException("the critical value is below the warning value");
            }
            return new ReplicaLagCheck(warn, critical);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--replica-lag " + text + ": " + e.getMessage());
        }
    }

    HealthSeverity judge(ReplicaLag lag) {
        if (!lag.standby()) {
            return HealthSeverity.OK;
        }
        if (critical != null && lag.lag().compareTo(critical) >= 0) {
            return HealthSeverity.CRITICAL;
        }
        if ((warn != null && lag.lag().compareTo(warn) >= 0) || !lag.streaming()) {
            return HealthSeverity.WARNING;
        }
        return HealthSeverity.OK;
    }

    /** The breach line: "WARNING standby lag 42.0 s >= 30 s (monitoring reads postgresql://…)". */
    String line(HealthSeverity severity, ReplicaLag lag, String standby) {
        String limit = severity == HealthSeverity.CRITICAL ? Ages.format(critical)
                : warn != null && lag.lag().compareTo(warn) >= 0 ? Ages.format(warn) : null;
        return severity + " standby " + lag.describe() + (limit == null ? "" : " >= " + limit)
                + " (monitoring reads " + standby + ")";
    }
}
