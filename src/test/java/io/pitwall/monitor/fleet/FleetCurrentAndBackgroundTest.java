package io.pitwall.monitor.fleet;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SavedChecks;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.ExactCountsTest;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.SkeletonFixture;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.queue.CanonicalState;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet on the demo used to be empty (only saved connections were watched, and the demo is never saved), and
 * its members never counted in the background, so a big table's failed and terminal counts stayed the planner's.
 */
class FleetCurrentAndBackgroundTest {

    private static final FleetWatcher.Settings SETTINGS = new FleetWatcher.Settings(Duration.ofSeconds(10),
            Duration.ofSeconds(20), Duration.ofSeconds(30));

    @TempDir
    Path config;

    @Test
    void aMemberCountsInTheBackgroundOnAConnectionOfItsOwn() throws Exception {
        // 300,517 rows, 15,000 failed: too many for a refresh to count, so counted from their index in the background.
        TestDatabase big = TestDatabase.fresh();
        big.execute(SkeletonFixture.resource("/io/pitwall/demo/shithub.sql"));
        big.execute(ExactCountsTest.ROWS);
        big.execute("ANALYZE shithub.jobs");
        FleetMember member = new FleetMember(new ConnectionIdentity("big", "production", null, false, null),
                TargetResolver.fromSystem().resolve(big.url()), List.of());
        try (FleetWatcher fleet = new FleetWatcher(List.of(member), new ProfileLoader().loadAll(), SETTINGS)) {
            Instant deadline = Instant.now().plusSeconds(60);
            FleetEntry entry = fleet.poll().entries().getFirst();
            while (entry.failed() != 15_000 && Instant.now().isBefore(deadline)) {
                Thread.sleep(500); // the reader keeps each part as long as a console would: faster rounds read nothing
                entry = fleet.poll().entries().getFirst();
            }
            assertEquals(15_000, entry.failed(), "exact: the background count's, not the planner's estimate");
            assertEquals(1, sessions(big, "pitwall-background"), "on one connection of its own");
            assertTrue(sessions(big, "pitwall-monitor") <= 3, "the screens' pool is as before");
        }
    }

    @Test
    void theConsolesUnsavedConnectionIsInTheFleetThroughItsOwnSession() throws Exception {
        TestDatabase demo = TestDatabase.fresh();
        demo.execute(SkeletonFixture.resource("/io/pitwall/demo/shithub.sql"));
        demo.execute("INSERT INTO shithub.jobs (kind, state) VALUES ('email', 'queued'), ('email', 'queued')");
        SavedConnections saved = new SavedConnections(config.resolve("connections.json"));
        SavedChecks checks = new SavedChecks(config.resolve("checks.json"));
        ConnectionIdentity identity = new ConnectionIdentity("demo", "development", null, false, null);
        try (MonitorSession current = new MonitorSession(new DatabasePools(identity,
                TargetResolver.fromSystem().resolve(demo.url())), new ProfileLoader().loadAll()).countInBackground()) {
            try (FleetWatcher fleet = SavedFleet.watcher(saved, checks, SETTINGS, current)) {
                List<FleetEntry> entries = fleet.poll().entries();
                assertEquals(1, entries.size(), "nothing is saved, yet the fleet is not empty");
                FleetEntry entry = entries.getFirst();
                assertEquals("demo", entry.name());
                assertEquals(FleetHealth.OK, entry.health(), entry.problem());
                assertEquals(2, entry.queued());
                assertNull(entry.member().saved(), "not a saved connection: opened as the current one");
                assertEquals(current.pools().target().displayUri(), entry.member().target().displayUri());
            }
            assertEquals(2, current.status("shithub").queues().getFirst().counts().get(CanonicalState.QUEUED),
                    "closing the fleet leaves the console's own session open");

            // Once saved, it is watched as the saved connection, only once, and still through the console's session:
            // the fleet opens no monitor connection of its own to the database the window is on.
            saved.remember(identity, current.pools().target());
            current.status("shithub");
            long before = sessions(demo, "pitwall-monitor");
            try (FleetWatcher fleet = SavedFleet.watcher(saved, checks, SETTINGS, current)) {
                List<FleetEntry> entries = fleet.poll().entries();
                assertEquals(1, entries.size());
                assertTrue(entries.getFirst().member().saved() != null);
                assertEquals(2, entries.getFirst().queued());
                assertEquals(before, sessions(demo, "pitwall-monitor"),
                        "no pool of its own: a second one would have opened a session of its own");
            }
            assertEquals(2, current.status("shithub").queues().getFirst().counts().get(CanonicalState.QUEUED));
        }
    }

    private static long sessions(TestDatabase db, String application) throws Exception {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND application_name = ?")) {
            statement.setString(1, application);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
