package io.pitwall.monitor.health;

import io.pitwall.queue.HealthMetric;
import io.pitwall.queue.HealthSeverity;
import io.pitwall.queue.HealthThreshold;
import io.pitwall.queue.QueueTrend;

import java.time.Duration;
import java.time.Instant;

/**
 * The one rule for "failures per minute", used by {@code pitwall check}, the metrics endpoint and the console's
 * cards alike, so a card is marked exactly when {@code check} would warn: failures averaged over the last
 * {@link HealthMetric#FAILURE_WINDOW_MINUTES} minutes, judged at or above the warning value.
 */
public final class FailureRate {

    /** How the figure is taken, in words, for labels and tooltips. */
    public static final String RULE = "averaged over the last " + HealthMetric.FAILURE_WINDOW_MINUTES + " minutes";

    private FailureRate() {
    }

    /** Failures per minute of this queue, averaged over the window that ends {@code now}. */
    public static double perMinute(QueueTrend trend, Instant now) {
        if (trend == null) {
            return 0;
        }
        Instant since = now.minus(Duration.ofMinutes(HealthMetric.FAILURE_WINDOW_MINUTES));
        long failed = trend.perMinute().stream().filter(m -> !m.minute().isBefore(since))
                .mapToLong(QueueTrend.MinuteCount::failed).sum();
        return failed / (double) HealthMetric.FAILURE_WINDOW_MINUTES;
    }

    /** The verdict {@code check} gives this queue's rate with a warning at {@code warnAt} (and no critical). */
    public static HealthSeverity judge(QueueTrend trend, Instant now, double warnAt) {
        return new HealthThreshold(HealthMetric.FAILURES_PER_MINUTE, null, null, null, warnAt, null)
                .judge(perMinute(trend, now));
    }
}
