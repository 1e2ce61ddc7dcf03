package io.pitwall.monitor.health;

import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.HealthFigure;
import io.pitwall.queue.HealthMetric;
import io.pitwall.queue.HealthReading;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.QueueCounts;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.QueueTrend;
import io.pitwall.queue.StuckItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns one reading into the figures a check judges: per queue, and per kind where the figure has kinds. */
public final class Figures {

    private Figures() {
    }

    /** The name a queue goes by in checks and metrics: its queue, or its table where the profile has none. */
    public static String queueName(QueueStatus status) {
        return status.queue() != null ? status.queue() : status.where();
    }

    public static List<HealthFigure> of(HealthReading reading) {
        List<HealthFigure> figures = new ArrayList<>();
        for (QueueStatus queue : reading.status().queues()) {
            String profile = queue.profileId();
            String name = queueName(queue);
            figures.add(new HealthFigure(HealthMetric.DEPTH, profile, name, null, queue.counts().get(CanonicalState.QUEUED)));
            for (KindCounts kind : queue.kinds()) {
                figures.add(new HealthFigure(HealthMetric.DEPTH, profile, name, kind.kind(),
                        kind.counts().get(CanonicalState.QUEUED)));
            }
            // Where one table holds many queues (tasks.queue), each of them has its own backlog too.
            for (QueueCounts inner : queue.queues()) {
                figures.add(new HealthFigure(HealthMetric.DEPTH, profile, inner.queue(), null,
                        inner.counts().get(CanonicalState.QUEUED)));
                for (KindCounts kind : inner.kinds()) {
                    figures.add(new HealthFigure(HealthMetric.DEPTH, profile, inner.queue(), kind.kind(),
                            kind.counts().get(CanonicalState.QUEUED)));
                }
            }
            stuck(reading, queue, figures);
            trend(reading, queue).ifPresent(trend -> {
                figures.add(new HealthFigure(HealthMetric.OLDEST_QUEUED, profile, name, null,
                        oldestQueuedSeconds(trend, reading.takenAt())));
                if (trend.hasThroughput()) {
                    figures.add(new HealthFigure(HealthMetric.FAILURES_PER_MINUTE, profile, name, null,
                            failuresPerMinute(trend, reading.takenAt())));
                }
            });
        }
        return figures;
    }

    private static void stuck(HealthReading reading, QueueStatus queue, List<HealthFigure> figures) {
        // A task two rules flag is one stuck task, not two.
        Set<String> seen = new HashSet<>();
        Map<String, Long> perKind = new TreeMap<>();
        long total = 0;
        for (StuckItem item : reading.stuck()) {
            if (!item.profileId().equals(queue.profileId()) || !item.where().equals(queue.where())
                    || !seen.add(item.object() + "\u0000" + item.id())) {
                continue;
            }
            total++;
            if (item.kind() != null) {
                perKind.merge(item.kind(), 1L, Long::sum);
            }
        }
        String name = queueName(queue);
        figures.add(new HealthFigure(HealthMetric.STUCK, queue.profileId(), name, null, total));
        // Every kind of the queue gets a figure, 0 included, so a per-kind limit sees a healthy kind as OK.
        for (KindCounts kind : queue.kinds()) {
            perKind.putIfAbsent(kind.kind(), 0L);
        }
        perKind.forEach((kind, n) -> figures.add(new HealthFigure(HealthMetric.STUCK, queue.profileId(), name, kind, n)));
        innerQueuesStuck(reading, queue, figures);
    }

    /** Where one table holds many queues, each queue's stuck tasks are its own figure (0 included). */
    private static void innerQueuesStuck(HealthReading reading, QueueStatus queue, List<HealthFigure> figures) {
        if (queue.queues().isEmpty()) {
            return;
        }
        Map<String, Set<String>> perQueue = new TreeMap<>();
        for (QueueCounts inner : queue.queues()) {
            perQueue.put(inner.queue(), new HashSet<>());
        }
        for (StuckItem item : reading.stuck()) {
            if (item.queue() != null && item.profileId().equals(queue.profileId()) && item.where().equals(queue.where())) {
                perQueue.computeIfAbsent(item.queue(), q -> new HashSet<>()).add(item.object() + "\u0000" + item.id());
            }
        }
        perQueue.forEach((name, tasks) -> figures.add(
                new HealthFigure(HealthMetric.STUCK, queue.profileId(), name, null, tasks.size())));
    }

    private static java.util.Optional<QueueTrend> trend(HealthReading reading, QueueStatus queue) {
        return reading.trends().stream()
                .filter(t -> t.profileId().equals(queue.profileId()) && t.where().equals(queue.where()))
                .findFirst();
    }

    static double oldestQueuedSeconds(QueueTrend trend, Instant now) {
        if (trend.oldestQueued() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(trend.oldestQueued(), now).toMillis() / 1000.0);
    }

    static double failuresPerMinute(QueueTrend trend, Instant now) {
        return FailureRate.perMinute(trend, now);
    }
}
