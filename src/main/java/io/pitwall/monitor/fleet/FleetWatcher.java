package io.pitwall.monitor.fleet;

import io.pitwall.connect.DatabasePools;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.health.HealthReader;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.queue.HealthReading;
import io.pitwall.queue.ReplicaLag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches several connections at once. Each has its own read-only monitor pool and a {@link HealthReader}, which
 * keeps every part for as long as the console keeps it, so however often the fleet is polled each database is read
 * no more than by one console. Connections are read side by side, at most one read in flight each: a database that
 * is down or hangs holds up only its own entry, and a round ends after {@link Settings#answerWithin()} whatever
 * the slowest one does.
 */
public final class FleetWatcher implements AutoCloseable {

    /**
     * @param answerWithin how long a round waits for the slowest connection
     * @param slowAfter    a read that took longer than this is SLOW
     * @param lagAfter     a standby further behind than this is LAGGING
     */
    public record Settings(Duration answerWithin, Duration slowAfter, Duration lagAfter) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(4), Duration.ofSeconds(2),
                Duration.ofSeconds(30));
    }

    private final List<Watched> watched = new ArrayList<>();
    private final Settings settings;
    private final Clock clock;
    // One virtual thread per read, and at most one read per connection: as many threads as connections, no more.
    private final ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor();

    public FleetWatcher(List<FleetMember> members, ProfileRegistry registry, Settings settings) {
        this(members, registry, settings, Clock.systemUTC());
    }

    FleetWatcher(List<FleetMember> members, ProfileRegistry registry, Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        for (FleetMember member : members) {
            MonitorSession session = null;
            if (member.problem() == null) {
                // Watching never acts: a read-only identity gets no action pool at all. Terminal states of big
                // tables are counted in the background as the console counts them (one connection of their own,
                // a count no sooner than 300 times its last duration), so the fleet's totals are not estimates.
                session = new MonitorSession(new DatabasePools(member.identity().asReadOnly(true), member.target(),
                        member.target(), member.standby()), registry).countInBackground();
            }
            watched.add(new Watched(member, session, true, session == null ? null : reader(session)));
        }
    }

    private HealthReader reader(MonitorSession session) {
        return new HealthReader(session, clock, HealthReader.STATUS_EVERY, HealthReader.STUCK_EVERY,
                HealthReader.TRENDS_EVERY);
    }

    /**
     * Watches one more connection through a session it does not own: the console's current one (the demo, say),
     * when no saved connection is it. Its pools, background counts included, are the console's, so watching it adds
     * no connection; {@link #close()} leaves it open. Call before the first {@link #poll()}.
     */
    public FleetWatcher alsoWatching(FleetMember member, MonitorSession borrowed) {
        watched.add(new Watched(member, borrowed, false, reader(borrowed)));
        return this;
    }

    public List<FleetMember> members() {
        return watched.stream().map(w -> w.member).toList();
    }

    /** One round: every connection read (or its read still running), judged and ordered worst first. Blocks. */
    public FleetSnapshot poll() {
        Instant started = clock.instant();
        for (Watched w : watched) {
            if (w.reader != null && (w.inFlight == null || w.inFlight.isDone())) {
                w.inFlight = reads.submit(() -> w.read(clock));
            }
        }
        long deadline = System.nanoTime() + settings.answerWithin().toNanos();
        List<FleetEntry> entries = new ArrayList<>();
        for (Watched w : watched) {
            entries.add(w.reader == null ? FleetJudge.unusable(w.member) : await(w, deadline, started));
        }
        entries.sort(FleetJudge.ORDER);
        return new FleetSnapshot(started, entries);
    }

    private FleetEntry await(Watched w, long deadline, Instant started) {
        try {
            Outcome outcome = w.inFlight.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (outcome.reading() != null) {
                w.lastGood = outcome;
            }
            return FleetJudge.judge(w.member, outcome, settings);
        } catch (TimeoutException e) {
            // Still reading: what it showed last, marked slow, with how long this round waited.
            return FleetJudge.noAnswer(w.member, w.lastGood, settings, Duration.between(started, clock.instant()));
        } catch (ExecutionException e) {
            return FleetJudge.judge(w.member, Outcome.failed(e.getCause(), Duration.ZERO), settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FleetJudge.noAnswer(w.member, w.lastGood, settings, Duration.between(started, clock.instant()));
        }
    }

    /** Reads that went to each database so far, by connection name (each a status, stuck or trends query set). */
    public java.util.Map<String, Long> databaseReads() {
        java.util.Map<String, Long> reads = new java.util.LinkedHashMap<>();
        watched.forEach(w -> reads.put(w.member.name(), w.reader == null ? 0 : w.reader.databaseReads()));
        return reads;
    }

    @Override
    public void close() {
        reads.shutdownNow();
        watched.stream().filter(w -> w.session != null && w.owned).forEach(w -> w.session.close());
    }

    /** What one read brought back: a reading, or the failure; and how long it took. */
    /** @param first the connection's first reading, which also detects its schemas: never judged slow */
    record Outcome(HealthReading reading, Throwable failure, Duration took, Instant readAt, ReplicaLag lag,
                   boolean first) {
        static Outcome failed(Throwable failure, Duration took) {
            return new Outcome(null, failure, took, null, null, false);
        }
    }

    private static final class Watched {
        final FleetMember member;
        final MonitorSession session;
        /** False for a session the watcher borrowed (the console's own): not closed with the watcher. */
        final boolean owned;
        final HealthReader reader;
        volatile Future<Outcome> inFlight;
        volatile Outcome lastGood;
        private volatile boolean readBefore;

        Watched(FleetMember member, MonitorSession session, boolean owned, HealthReader reader) {
            this.member = member;
            this.session = session;
            this.owned = owned;
            this.reader = reader;
        }

        Outcome read(Clock clock) {
            long start = System.nanoTime();
            try {
                HealthReading reading = reader.read();
                // One small query more where the monitoring reads a standby: how far behind it is.
                ReplicaLag lag = member.standby() == null ? null : session.replicaLag();
                boolean first = !readBefore;
                readBefore = true;
                return new Outcome(reading, null, Duration.ofNanos(System.nanoTime() - start), clock.instant(), lag, first);
            } catch (Exception e) {
                return Outcome.failed(e, Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }
}
