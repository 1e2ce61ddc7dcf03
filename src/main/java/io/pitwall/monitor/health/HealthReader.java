package io.pitwall.monitor.health;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.HealthReading;
import io.pitwall.queue.QueueTrend;
import io.pitwall.queue.StatusSnapshot;
import io.pitwall.queue.StuckItem;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads what checks and metrics need through one read-only monitor session, each part kept for as long as the
 * console keeps it (counts 1.5 s, stuck 5 s, trends 15 s), so however often it is asked, it costs the database
 * no more than one console watching the same database.
 */
public final class HealthReader {

    /** The console's own intervals (dashboard status, stuck list, trend charts). */
    public static final Duration STATUS_EVERY = Duration.ofMillis(1500);
    public static final Duration STUCK_EVERY = Duration.ofSeconds(5);
    public static final Duration TRENDS_EVERY = Duration.ofSeconds(15);
    /** After a failed read the database is not tried again for this long, so a down database costs no waiting. */
    public static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    private final MonitorSession session;
    private final Clock clock;
    private final Duration statusEvery;
    private final Duration stuckEvery;
    private final Duration trendsEvery;
    private Part<StatusSnapshot> status;
    private Part<List<StuckItem>> stuck;
    private Part<List<QueueTrend>> trends;
    private long databaseReads;
    private SQLException lastFailure;
    private Instant failedAt;

    public HealthReader(MonitorSession session) {
        this(session, Clock.systemUTC(), STATUS_EVERY, STUCK_EVERY, TRENDS_EVERY);
    }

    public HealthReader(MonitorSession session, Clock clock, Duration statusEvery, Duration stuckEvery,
                        Duration trendsEvery) {
        this.session = session;
        this.clock = clock;
        this.statusEvery = statusEvery;
        this.stuckEvery = stuckEvery;
        this.trendsEvery = trendsEvery;
    }

    /** A reading with every part no older than its interval; parts still fresh are not read again. */
    public synchronized HealthReading read() throws SQLException {
        Instant now = clock.instant();
        if (failedAt != null && failedAt.plus(RETRY_EVERY).isAfter(now)) {
            throw new SQLException("still unreachable (last tried " + Duration.between(failedAt, now).toSeconds()
                    + " s ago): " + lastFailure.getMessage(), lastFailure.getSQLState(), lastFailure);
        }
        try {
            return readParts(now);
        } catch (SQLException e) {
            lastFailure = e;
            failedAt = now;
            status = null;
            stuck = null;
            trends = null;
            session.forgetDetection();
            throw e;
        }
    }

    private HealthReading readParts(Instant now) throws SQLException {
        failedAt = null;
        if (status == null || status.olderThan(statusEvery, now)) {
            status = new Part<>(session.status(null), now);
            databaseReads++;
        }
        if (stuck == null || stuck.olderThan(stuckEvery, now)) {
            stuck = new Part<>(session.stuck(null, List.of(), null), now);
            databaseReads++;
        }
        if (trends == null || trends.olderThan(trendsEvery, now)) {
            trends = new Part<>(session.trends(), now);
            databaseReads++;
        }
        return new HealthReading(now, status.value(), stuck.value(), trends.value());
    }

    /** Reads that went to the database so far (each one a status, stuck or trends query set). */
    public synchronized long databaseReads() {
        return databaseReads;
    }


    private record Part<T>(T value, Instant readAt) {
        boolean olderThan(Duration interval, Instant now) {
            return !readAt.plus(interval).isAfter(now);
        }
    }
}
