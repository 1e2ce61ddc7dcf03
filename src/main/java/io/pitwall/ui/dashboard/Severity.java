package io.pitwall.ui.dashboard;

import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.QueueTrend;
import io.pitwall.queue.StuckItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What is wrong with a queue, in words, and how its card ranks against the others: the worst first. */
final class Severity {

    private Severity() {
    }

    /** One entry per task or object: a task two rules hit counts once, with both rules listed. */
    static Map<String, List<StuckItem>> byTask(List<StuckItem> items) {
        Map<String, List<StuckItem>> tasks = new LinkedHashMap<>();
        for (StuckItem item : items) {
            tasks.computeIfAbsent(item.object() + " " + item.id(), k -> new ArrayList<>()).add(item);
        }
        return tasks;
    }

    static Duration oldestQueued(QueueTrend trend) {
        if (trend == null || trend.oldestQueued() == null) {
            return null;
        }
        return Duration.between(trend.oldestQueued(), trend.readAt()).isNegative() ? Duration.ZERO
                : Duration.between(trend.oldestQueued(), trend.readAt());
    }

    /** Failures in the last minute that has ended: the minute under way is still filling up. */
    static long failuresLastMinute(QueueTrend trend) {
        if (trend == null || trend.perMinute().isEmpty()) {
            return 0;
        }
        Instant lastFinished = trend.readAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusSeconds(60);
        return trend.perMinute().stream().filter(m -> m.minute().equals(lastFinished))
                .mapToLong(QueueTrend.MinuteCount::failed).sum();
    }

    /** The thresholds this queue is over now, in words; empty when it is fine. */
    static List<String> crossed(QueueCardModel card, QueueThresholds limits) {
        List<String> crossed = new ArrayList<>();
        int stuck = byTask(card.stuckProperty().get()).size();
        if (stuck > limits.stuckAbove()) {
            crossed.add(stuck + " stuck" + (limits.stuckAbove() == 0 ? "" : " > " + limits.stuckAbove()));
        }
        Duration oldest = oldestQueued(card.trendProperty().get());
        if (limits.oldestQueued() != null && oldest != null && oldest.compareTo(limits.oldestQueued()) > 0) {
            crossed.add("oldest queued " + io.pitwall.queue.Ages.format(oldest) + " > "
                    + io.pitwall.queue.Ages.format(limits.oldestQueued()));
        }
        long failures = failuresLastMinute(card.trendProperty().get());
        if (failures > limits.failuresPerMinute()) {
            crossed.add(failures + " failures/min > " + limits.failuresPerMinute());
        }
        return crossed;
    }

    /** Which threshold a crossing is about, whatever its numbers: "stuck", "oldest", "failures". */
    static String category(String crossing) {
        return crossing.contains("stuck") ? "stuck" : crossing.startsWith("oldest") ? "oldest" : "failures";
    }

    /** Stuck first, then a threshold crossed, then the most failed, then by name so the order holds still. */
    static Comparator<QueueCardModel> order() {
        return Comparator.<QueueCardModel>comparingInt(c -> -byTask(c.stuckProperty().get()).size())
                .thenComparingInt(c -> -c.alertsProperty().get().size())
                .thenComparingLong(c -> -c.countsProperty().get().get(CanonicalState.FAILED))
                .thenComparing(QueueCardModel::title).thenComparing(QueueCardModel::where);
    }
}
