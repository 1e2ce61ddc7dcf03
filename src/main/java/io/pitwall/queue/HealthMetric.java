package io.pitwall.queue;

import java.util.Arrays;
import java.util.Locale;

/** What a health check can put a threshold on; the flag and file names are part of the command-line contract. */
public enum HealthMetric {
    /** Stuck tasks and objects, by the profile's stuck rules. */
    STUCK("stuck", "stuck"),
    /** Tasks that failed per minute, averaged over the last {@link #FAILURE_WINDOW_MINUTES} minutes. */
    FAILURES_PER_MINUTE("failures-per-minute", "failures/min"),
    /** Age of the oldest queued task, in seconds. */
    OLDEST_QUEUED("oldest-queued", "oldest queued"),
    /** Queued tasks waiting (the backlog). */
    DEPTH("depth", "queued");

    /** Short enough to react to a spike, long enough that one bad minute is not a page on its own. */
    public static final int FAILURE_WINDOW_MINUTES = 5;

    private final String id;
    private final String label;

    HealthMetric(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** True when the metric is a duration, so thresholds and values read as "12 min" rather than a number. */
    public boolean isDuration() {
        return this == OLDEST_QUEUED;
    }

    public static HealthMetric of(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + id + "'; metrics: "
                        + String.join(", ", Arrays.stream(values()).map(HealthMetric::id).toList())));
    }
}
