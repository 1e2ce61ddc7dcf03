package io.pitwall.monitor.export;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.ReplicaLag;

import java.sql.SQLException;
import java.time.Duration;

/**
 * A monitored standby's lag, read from the standby itself at most once per {@link #EVERY} however often it is
 * scraped (the console's top bar reads it as often).
 */
public final class StandbyLag {

    public static final Duration EVERY = Duration.ofSeconds(5);

    private final MonitorSession session;
    private ReplicaLag last;
    private long readAt;

    public StandbyLag(MonitorSession session) {
        this.session = session;
    }

    public synchronized ReplicaLag read() throws SQLException {
        long now = System.nanoTime();
        if (last == null || now - readAt > EVERY.toNanos()) {
            last = session.replicaLag();
            readAt = now;
        }
        return last;
    }
}
