package io.pitwall.monitor;

import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.PoolBusyException;
import io.pitwall.connect.TargetResolver;
import io.pitwall.profile.Binding;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.StatusSnapshot;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor pool is 3 connections. Under load the screens once said "Connection is not available": a background
 * full count held one of the three for as long as it ran, two slow screen reads held the others, and the next
 * refresh waited out the pool's 3 s. Here the long count is a pg_sleep-wrapped count (what a 50M-row table's full
 * count is to the pool: a connection held for many seconds) and the two slow screens are reads sleeping 6 s.
 */
class BackgroundStarvationTest {

    /** As long as a background count of a big table, from the pool's point of view (it waits 3 s). */
    private static final BackgroundCounts.Job SLOW_COUNT = new BackgroundCounts.Job("slow", "SELECT 0 AS part, "
            + "NULL::text, NULL::text, 'completed'::text, 1::bigint FROM pg_sleep(8)", "full count",
            BackgroundCounts.FULL_COUNT_FLOOR, false);

    /** One database per test: a sleep a test leaves on the server must not count in the next. */
    private TestDatabase db;

    @BeforeEach
    void schema() {
        db = TestDatabase.fresh();
        db.execute(SkeletonFixture.resource("/io/pitwall/demo/shithub.sql"));
        db.execute("INSERT INTO shithub.jobs (kind, state) VALUES ('repo.push', 'queued'), ('repo.push', 'queued')");
    }

    private DatabasePools pools() throws Exception {
        return new DatabasePools(TargetResolver.fromSystem().resolve(db.url()));
    }

    @Test
    void aBackgroundCountOnTheScreensPoolStarvesThemAndTheRefreshSaysSlow() throws Exception {
        ExecutorService screens = Executors.newFixedThreadPool(2);
        try (DatabasePools pools = pools(); MonitorSession session = session(pools)) {
            List<Binding> bindings = session.detection().forProfile("shithub");
            StatusReader sharing = new StatusReader();
            sharing.countInBackground(BackgroundCounts.TIMEOUT, null); // the old wiring: the reader's own pool
            try {
                sharing.background().latest(pools.monitor(), SLOW_COUNT);
                awaitSleeping("pitwall-monitor", 1);
                holdTwoScreens(screens, pools.monitor());
                awaitSleeping("pitwall-monitor", 3);
                PoolBusyException slow = assertThrows(PoolBusyException.class,
                        () -> sharing.read(pools.monitor(), bindings));
                // The reproduction of the original problem; the refresh now says what it means.
                assertTrue(slow.getMessage().startsWith("slow: all 3 monitor connections stayed busy for 3 s"),
                        slow.getMessage());
            } finally {
                sharing.close();
            }
        } finally {
            screens.shutdownNow();
        }
    }

    @Test
    void theSessionsBackgroundCountHasAConnectionOfItsOwnSoTheScreensStillRefresh() throws Exception {
        ExecutorService screens = Executors.newFixedThreadPool(2);
        try (DatabasePools pools = pools(); MonitorSession session = session(pools).countInBackground()) {
            session.detection();
            session.statusReader().background().latest(pools.monitor(), SLOW_COUNT);
            awaitSleeping("pitwall-background", 1);
            holdTwoScreens(screens, pools.monitor());
            awaitSleeping("pitwall-monitor", 2);
            for (int refresh = 0; refresh < 3; refresh++) {
                Instant start = Instant.now();
                StatusSnapshot snapshot = session.status("shithub");
                assertEquals(2, snapshot.queues().getFirst().counts().get(CanonicalState.QUEUED));
                assertTrue(Duration.between(start, Instant.now()).toMillis() < 3_000,
                        "a refresh never waits out the pool");
            }
            assertEquals(1, sleeping("pitwall-background"), "the long count still runs, on its own connection");
            assertEquals(2, sleeping("pitwall-monitor"), "only the two slow screens hold monitor connections");
        } finally {
            screens.shutdownNow();
        }
    }

    @Test
    void theBackgroundConnectionIsReadOnlyWithTheMonitorTimeout() throws Exception {
        try (DatabasePools pools = pools()) {
            DataSource background = pools.background();
            try (Connection connection = background.getConnection(); Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SHOW statement_timeout")) {
                    rows.next();
                    assertEquals("5s", rows.getString(1));
                }
                java.sql.SQLException refused = assertThrows(java.sql.SQLException.class,
                        () -> statement.execute("DELETE FROM shithub.jobs"));
                assertEquals("25006", refused.getSQLState());
            }
            try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM shithub.jobs")) {
                rows.next();
                assertEquals(2, rows.getLong(1), "nothing was deleted");
            }
        }
    }

    private static MonitorSession session(DatabasePools pools) {
        return new MonitorSession(pools, new ProfileLoader().load(Path.of("/nonexistent")));
    }

    private static void holdTwoScreens(ExecutorService screens, DataSource monitor) {
        for (int i = 0; i < 2; i++) {
            Future<?> ignored = screens.submit(() -> {
                try (Connection connection = monitor.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_sleep(6)");
                }
                return null;
            });
        }
    }

    private void awaitSleeping(String application, int count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (sleeping(application) < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(count + " sessions of " + application + " never started sleeping: "
                        + activity());
            }
            Thread.sleep(50);
        }
    }

    private String activity() throws Exception {
        StringBuilder seen = new StringBuilder();
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT application_name, state, query FROM pg_stat_activity "
                     + "WHERE datname = current_database()")) {
            while (rows.next()) {
                seen.append('\n').append(rows.getString(1)).append(" | ").append(rows.getString(2)).append(" | ")
                        .append(rows.getString(3));
            }
        }
        return seen.toString();
    }

    private long sleeping(String application) throws Exception {
        try (Connection connection = db.dataSource().getConnection();
             var statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND application_name = ? AND state = 'active' AND query LIKE '%pg_sleep%'")) {
            statement.setString(1, application);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
