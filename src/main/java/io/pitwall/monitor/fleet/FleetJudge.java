package io.pitwall.monitor.fleet;

import io.pitwall.monitor.health.Figures;
import io.pitwall.monitor.health.HealthCheck;
import io.pitwall.monitor.health.HealthReport;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.HealthBreach;
import io.pitwall.queue.HealthReading;
import io.pitwall.queue.HealthSeverity;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.QueueTrend;
import io.pitwall.queue.ReplicaLag;
import io.pitwall.queue.StuckItem;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns one connection's read into its overview entry, and orders entries worst first. */
final class FleetJudge {

    /**
     * Worst first: a connection that cannot be read (UNKNOWN) before a critical one, then warnings, then OK; within
     * one severity the most stuck, then the most failed, the oldest backlog, the deepest one, then by name so the
     * order holds still between rounds.
     */
    static final Comparator<FleetEntry> ORDER = Comparator
            .<FleetEntry>comparingInt(e -> -e.severity().ordinal())
            .thenComparingLong(e -> -e.stuck())
            .thenComparingLong(e -> -e.failed())
            .thenComparing(e -> e.oldestQueued() == null ? Duration.ZERO : e.oldestQueued(), Comparator.reverseOrder())
            .thenComparingLong(e -> -e.queued())
            .thenComparing(FleetEntry::name);

    private static final Comparator<FleetQueue> QUEUE_ORDER = Comparator
            .<FleetQueue>comparingLong(q -> -q.stuck())
            .thenComparingLong(q -> -q.failed())
            .thenComparing(q -> q.oldestQueued() == null ? Duration.ZERO : q.oldestQueued(), Comparator.reverseOrder())
            .thenComparingLong(q -> -q.queued())
            .thenComparing(FleetQueue::profileId).thenComparing(FleetQueue::queue);

    private FleetJudge() {
    }

    static FleetEntry unusable(FleetMember member) {
        return new FleetEntry(member, FleetHealth.UNREACHABLE, HealthSeverity.UNKNOWN, member.problem(), null,
                Duration.ZERO, 0, 0, 0, null, List.of(), List.of(), null);
    }

    static FleetEntry judge(FleetMember member, FleetWatcher.Outcome outcome, FleetWatcher.Settings settings) {
        if (outcome.reading() == null) {
            return new FleetEntry(member, FleetHealth.UNREACHABLE, HealthSeverity.UNKNOWN, describe(outcome.failure()),
                    null, outcome.took(), 0, 0, 0, null, List.of(), List.of(), null);
        }
        FleetEntry read = figures(member, outcome);
        ReplicaLag lag = outcome.lag();
        if (lag != null && (!lag.standby() || !lag.streaming() || lag.lag().compareTo(settings.lagAfter()) > 0)) {
            return with(read, FleetHealth.LAGGING, read.severity().worst(HealthSeverity.WARNING),
                    "standby " + lag.describe() + (lag.standby() && lag.streaming()
                            ? " (lagging after " + seconds(settings.lagAfter()) + ")" : ""));
        }
        if (!outcome.first() && outcome.took().compareTo(settings.slowAfter()) > 0) {
            return with(read, FleetHealth.SLOW, read.severity().worst(HealthSeverity.WARNING),
                    "slow: the read took " + seconds(outcome.took()) + " (slow after " + seconds(settings.slowAfter()) + ")");
        }
        return read;
    }

    /** The round ended while this connection was still reading: its last figures, if any, marked slow. */
    static FleetEntry noAnswer(FleetMember member, FleetWatcher.Outcome lastGood, FleetWatcher.Settings settings,
                               Duration waited) {
        String why = "no answer within " + seconds(settings.answerWithin()) + " (still reading)";
        if (lastGood == null) {
            return new FleetEntry(member, FleetHealth.SLOW, HealthSeverity.UNKNOWN, why + "; nothing read yet", null,
                    waited, 0, 0, 0, null, List.of(), List.of(), null);
        }
        FleetEntry last = figures(member, lastGood);
        FleetEntry slow = with(last, FleetHealth.SLOW, last.severity().worst(HealthSeverity.WARNING),
                why + "; figures as last read");
        return new FleetEntry(member, slow.health(), slow.severity(), slow.problem(), slow.readAt(), waited,
                slow.stuck(), slow.failed(), slow.queued(), slow.oldestQueued(), slow.queues(), slow.breaches(), slow.lag());
    }

    private static FleetEntry figures(FleetMember member, FleetWatcher.Outcome outcome) {
        HealthReading reading = outcome.reading();
        List<FleetQueue> queues = new ArrayList<>();
        for (QueueStatus queue : reading.status().queues()) {
            queues.add(new FleetQueue(queue.profileId(), queue.title(), Figures.queueName(queue),
                    stuck(reading, queue), queue.counts().get(CanonicalState.FAILED),
                    queue.counts().get(CanonicalState.QUEUED), oldestQueued(reading, queue)));
        }
        queues.sort(QUEUE_ORDER);
        HealthReport report = new HealthCheck(member.thresholds()).judge(reading);
        Duration oldest = queues.stream().map(FleetQueue::oldestQueued).filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        List<String> breaches = report.breaches().stream().map(HealthBreach::line).toList();
        return new FleetEntry(member, FleetHealth.OK, report.severity(),
                breaches.isEmpty() ? "" : breaches.getFirst(), outcome.readAt(), outcome.took(),
                queues.stream().mapToLong(FleetQueue::stuck).sum(), queues.stream().mapToLong(FleetQueue::failed).sum(),
                queues.stream().mapToLong(FleetQueue::queued).sum(), oldest, queues, breaches,
                outcome.lag() == null ? null : outcome.lag().lag());
    }

    private static FleetEntry with(FleetEntry e, FleetHealth health, HealthSeverity severity, String problem) {
        return new FleetEntry(e.member(), health, severity, problem, e.readAt(), e.took(), e.stuck(), e.failed(),
                e.queued(), e.oldestQueued(), e.queues(), e.breaches(), e.lag());
    }

    /** A task two rules flag is one stuck task. */
    private static long stuck(HealthReading reading, QueueStatus queue) {
        Set<String> seen = new HashSet<>();
        for (StuckItem item : reading.stuck()) {
            if (item.profileId().equals(queue.profileId()) && item.where().equals(queue.where())) {
                seen.add(item.object() + "\u0000" + item.id());
            }
        }
        return seen.size();
    }

    private static Duration oldestQueued(HealthReading reading, QueueStatus queue) {
        for (QueueTrend trend : reading.trends()) {
            if (trend.profileId().equals(queue.profileId()) && trend.where().equals(queue.where())
                    && trend.oldestQueued() != null) {
                Duration age = Duration.between(trend.oldestQueued(), reading.takenAt());
                return age.isNegative() ? Duration.ZERO : age;
            }
        }
        return null;
    }

    /** The server's or driver's own words, with what the pool wrapped around them taken off. */
    static String describe(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28")
                    || sql.getSQLState().startsWith("3D") || sql.getSQLState().startsWith("57"))) {
                deepest = t;
            }
        }
        String message = deepest.getMessage() == null ? deepest.toString() : deepest.getMessage();
        io.pitwall.connect.ssh.SshFailure ssh = io.pitwall.connect.ssh.SshFailure.in(failure);
        if (ssh != null) {
            // Behind a bastion the driver only says "The connection attempt failed."; the bastion says why.
            message = ssh.getMessage();
        }
        if (deepest instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("28")) {
            message = "authentication failed (not retried): " + message;
        }
        // The health reader does not ask a database that just failed again for a few seconds.
        boolean notAskedAgain = failure.getMessage() != null && failure.getMessage().startsWith("still unreachable");
        return (notAskedAgain ? "still unreachable, not asked again yet: " : "unreachable: ") + message;
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
