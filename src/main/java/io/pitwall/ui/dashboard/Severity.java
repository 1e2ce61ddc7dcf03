package io.pitwall.ui.dashboard;

import io.pitwall.monitor.health.FailureRate;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.HealthSeverity;
import io.pitwall.queue.QueueTrend;
import io.pitwall.queue.StuckItem;

import java.time.Duration;
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

    /**
     * Whether this queue's failures per minute reach its warning, by {@code check}'s own rule (FailureRate: the
     * 5-minute average, at or above the warning value that checks.json keeps for "more than N": N+1).
     */
    static boolean failuresOver(QueueTrend trend, QueueThresholds limits) {
        return trend != null && FailureRate.judge(trend, trend.readAt(), limits.failuresWarnAt()) != HealthSeverity.OK;
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
        QueueTrend trend = card.trendProperty().get();
        if (failuresOver(trend, limits)) {
            crossed.add(String.format(java.util.Locale.ROOT, "%.1f failures/min ≥ %d (%d-min average)",
                    FailureRate.perMinute(trend, trend.readAt()), limits.failuresWarnAt(),
                    io.pitwall.queue.HealthMetric.FAILURE_WINDOW_MINUTES));
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
