package io.pitwall.queue;

import java.time.Duration;

/**
 * A limit on one metric for the queues (and kinds) its scope names. A value at or above {@code warn} is a
 * WARNING, at or above {@code critical} a CRITICAL; either may be absent (null).
 *
 * @param profile a profile id, or null for any
 * @param queue   a queue name (or the table's "schema.table" where the profile has no queues), or null for any
 * @param kind    a task kind, or null for the queue as a whole
 */
public record HealthThreshold(HealthMetric metric, String profile, String queue, String kind,
                              Double warn, Double critical) {

    public HealthThreshold {
        if (warn == null && critical == null) {
            throw new IllegalArgumentException("a threshold needs a warning or a critical value");
        }
        if (warn != null && critical != null && critical < warn) {
            throw new IllegalArgumentException("the critical value (" + critical + ") is below the warning value ("
                    + warn + ")");
        }
    }

    /**
     * Parses {@code [SCOPE=]WARN[,CRIT]} as the command line takes it: SCOPE is {@code PROFILE[/QUEUE[/KIND]]}
     * with {@code *} for any, WARN or CRIT may be left empty ({@code ,10} is critical only), and durations
     * ({@code 15m}, {@code 2h}) are taken for {@link HealthMetric#OLDEST_QUEUED}.
     */
    public static HealthThreshold parse(HealthMetric metric, String text) {
        String limits = text.trim();
        String[] scope = {null, null, null};
        int eq = limits.lastIndexOf('=');
        if (eq >= 0) {
            String[] parts = limits.substring(0, eq).split("/", -1);
            if (parts.length > 3) {
                throw new IllegalArgumentException("scope '" + limits.substring(0, eq)
                        + "' has more than PROFILE/QUEUE/KIND");
            }
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].trim();
                scope[i] = part.isEmpty() || part.equals("*") ? null : part;
            }
            limits = limits.substring(eq + 1).trim();
        }
        String[] values = limits.split(",", -1);
        if (values.length > 2 || limits.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not [SCOPE=]WARN[,CRIT]");
        }
        Double warn = value(metric, values[0]);
        Double critical = values.length > 1 ? value(metric, values[1]) : null;
        return new HealthThreshold(metric, scope[0], scope[1], scope[2], warn, critical);
    }

    private static Double value(HealthMetric metric, String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (metric.isDuration()) {
            Duration duration = Ages.parse(trimmed);
            return (double) duration.toSeconds();
        }
        try {
            double value = Double.parseDouble(trimmed);
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a count of zero or more");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a number");
        }
    }

    public HealthSeverity judge(double value) {
        if (critical != null && value >= critical) {
            return HealthSeverity.CRITICAL;
        }
        if (warn != null && value >= warn) {
            return HealthSeverity.WARNING;
        }
        return HealthSeverity.OK;
    }

    /** Whether this threshold is about that place; a threshold with a kind only applies to that kind's figure. */
    public boolean covers(String profileId, String queueName, String kindName) {
        return (profile == null || profile.equals(profileId))
                && (queue == null || queue.equals(queueName))
                && (kind == null ? kindName == null : kind.equals(kindName));
    }

    /** How narrowly it is scoped, so a per-queue limit wins over a profile-wide one for the same figure. */
    public int specificity() {
        return (profile == null ? 0 : 1) + (queue == null ? 0 : 2) + (kind == null ? 0 : 4);
    }

    public String scopeText() {
        if (profile == null && queue == null && kind == null) {
            return "*";
        }
        StringBuilder text = new StringBuilder(profile == null ? "*" : profile);
        if (queue != null || kind != null) {
            text.append('/').append(queue == null ? "*" : queue);
        }
        if (kind != null) {
            text.append('/').append(kind);
        }
        return text.toString();
    }
}
