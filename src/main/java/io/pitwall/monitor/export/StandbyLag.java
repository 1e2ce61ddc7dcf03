package io.pitwall.monitor.export;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.ReplicaLag;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A monitored standby's lag, read from the standby itself at most once per {@link #EVERY} however often it is
 * scraped (the console's top bar reads it as often).
 */
public final class StandbyLag {

    public static final Duration EVERY = Duration.ofSeconds(5);

    private final MonitorSession session;
    private final Clock clock;
    private ReplicaLag last;
    private Instant readAt;

    public StandbyLag(MonitorSession session) {
        this(session, Clock.systemUTC());
    }

    StandbyLag(MonitorSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    public synchronized ReplicaLag read() throws SQLException {
        Instant now = clock.instant();
        if (last == null || readAt.plus(EVERY).isBefore(now)) {
            last = session.replicaLag();
            readAt = now;
        }
        return last;
    }
}
