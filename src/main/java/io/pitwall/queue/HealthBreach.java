package io.pitwall.queue;

/**
 * One figure at or over its threshold.
 *
 * @param queue the queue's name, or "schema.table" where the profile has no queues
 * @param kind  the kind, or null when the figure is the whole queue's
 */
public record HealthBreach(HealthSeverity severity, HealthMetric metric, String profileId, String queue,
                           String kind, double value, HealthThreshold threshold) {

    /** "CRITICAL stuck shithub/shithub.jobs/repo.push: 12 (warning 1, critical 10)". */
    public String line() {
        StringBuilder place = new StringBuilder(profileId).append('/').append(queue);
        if (kind != null) {
            place.append('/').append(kind);
        }
        return severity + " " + metric.id() + " " + place + ": " + format(value)
                + " (" + limits() + ")";
    }

    public String limits() {
        StringBuilder text = new StringBuilder();
        if (threshold.warn() != null) {
            text.append("warning ").append(format(threshold.warn()));
        }
        if (threshold.critical() != null) {
            text.append(text.isEmpty() ? "" : ", ").append("critical ").append(format(threshold.critical()));
        }
        return text.toString();
    }

    private String format(double number) {
        if (metric.isDuration()) {
            return Ages.formatSeconds(number);
        }
        return number == Math.rint(number) ? Long.toString((long) number) : String.format(java.util.Locale.ROOT, "%.2f", number);
    }
}
