package io.pitwall.ui.dashboard;

import io.pitwall.queue.HealthMetric;
import io.pitwall.queue.HealthThreshold;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a queue needs someone: more than {@code stuckAbove} stuck tasks, its oldest queued task older than
 * {@code oldestQueued}, or more than {@code failuresPerMinute} failures a minute, averaged over the last 5 minutes as
 * {@code check} averages them ({@code FailureRate}), so from {@link #failuresWarnAt()} on.
 *
 * <p>They are kept as the {@code check} command's warning thresholds ({@code checks.json}, the connection's section,
 * scope {@code PROFILE/QUEUE}), so the console marks a card when {@code pitwall check --connection NAME} would warn
 * about that queue: "more than N" is a warning at N+1, since both counts are whole numbers.
 */
public record QueueThresholds(long stuckAbove, Duration oldestQueued, long failuresPerMinute) {

    /** Anything stuck, a task queued over 10 min, more than 5 failures a minute. */
    public static final QueueThresholds DEFAULT = new QueueThresholds(0, Duration.ofMinutes(10), 5);

    public QueueThresholds {
        if (stuckAbove < 0 || failuresPerMinute < 0) {
            throw new IllegalArgumentException("a threshold is a count of zero or more");
        }
        if (oldestQueued == null || oldestQueued.isNegative() || oldestQueued.isZero()) {
            throw new IllegalArgumentException("the oldest-queued threshold is a duration above zero, e.g. 10m");
        }
    }

    /**
     * This queue's thresholds from saved ones: per metric the most narrowly scoped threshold that covers the queue
     * decides (as in {@code check}), its warning value (else its critical one); a metric none covers keeps its default.
     */
    public static QueueThresholds resolve(List<HealthThreshold> saved, String profileId, String queue) {
        Optional<Double> stuck = limit(saved, HealthMetric.STUCK, profileId, queue);
        Optional<Double> oldest = limit(saved, HealthMetric.OLDEST_QUEUED, profileId, queue);
        Optional<Double> failures = limit(saved, HealthMetric.FAILURES_PER_MINUTE, profileId, queue);
        return new QueueThresholds(
                stuck.map(QueueThresholds::countAbove).orElse(DEFAULT.stuckAbove),
                oldest.map(s -> Duration.ofSeconds(Math.max(1, Math.round(s)))).orElse(DEFAULT.oldestQueued),
                failures.map(QueueThresholds::countAbove).orElse(DEFAULT.failuresPerMinute));
    }

    /** The failures-per-minute warning as check keeps and judges it: "more than N" is a warning at N+1. */
    public long failuresWarnAt() {
        return failuresPerMinute + 1;
    }

    /** The scope this queue's own thresholds are saved under: {@code PROFILE/QUEUE}. */
    public static String scope(String profileId, String queue) {
        return profileId + "/" + queue;
    }

    /** As {@code checks.json} keeps them: metric id to {@code WARN} text. */
    public Map<String, String> asCheckLimits() {
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put(HealthMetric.STUCK.id(), Long.toString(stuckAbove + 1));
        limits.put(HealthMetric.OLDEST_QUEUED.id(), exact(oldestQueued));
        limits.put(HealthMetric.FAILURES_PER_MINUTE.id(), Long.toString(failuresWarnAt()));
        return limits;
    }

    private static Optional<Double> limit(List<HealthThreshold> saved, HealthMetric metric, String profileId, String queue) {
        return saved.stream().filter(t -> t.metric() == metric && t.covers(profileId, queue, null))
                .max(Comparator.comparingInt(HealthThreshold::specificity))
                .map(t -> t.warn() != null ? t.warn() : t.critical());
    }

    /** "10m", "2h", "90s": as an operator would type it, and exact, so a reload gives back the same value. */
    static String exact(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /** A warning at {@code value} or more is "more than value − 1" for a whole count. */
    private static long countAbove(double value) {
        return Math.max(0, (long) Math.ceil(value) - 1);
    }
}
