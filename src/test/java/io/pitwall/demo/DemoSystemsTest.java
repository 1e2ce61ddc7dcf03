package io.pitwall.demo;

import io.pitwall.monitor.StatusReader;
import io.pitwall.profile.CatalogDetector;
import io.pitwall.profile.Detection;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.StateCounts;
import io.pitwall.queue.StatusSnapshot;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The demo holds every built-in profile's schema, and each system's workers change its counts as they tick. */
class DemoSystemsTest {

    private static Map<String, StateCounts> totals(StatusSnapshot snapshot) {
        Map<String, StateCounts> totals = new TreeMap<>();
        for (QueueStatus queue : snapshot.queues()) {
            totals.merge(queue.profileId(), queue.counts(), StateCounts::plus);
        }
        return totals;
    }

    @Test
    void everyBuiltInProfileIsInTheDemoAndMoves() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        List<DemoSystem> systems = DemoDatabase.allSystems();
        try (Connection connection = db.dataSource().getConnection()) {
            Random random = new Random(7);
            for (DemoSystem system : systems) {
                system.createSchema(connection);
                system.seed(connection, random);
            }
        }
        Detection detection;
        try (Connection connection = db.dataSource().getConnection()) {
            detection = new CatalogDetector(new ProfileLoader().load(null).profiles()).detect(connection);
        }
        assertEquals(List.of(), detection.problems());
        List<String> ids = detection.bindings().stream().map(b -> b.profile().id()).distinct().sorted().toList();
        assertEquals(List.of("absurd", "broadleaf", "cloudgov-broker", "dsa110-absurd", "good-job", "graphile-worker",
                "oban", "permanent", "pg-boss", "procrastinate", "river", "shithub", "shithub-0018", "solid-queue"), ids);
        assertEquals(systems.stream().map(DemoSystem::profileId).sorted().toList(), ids);

        Map<String, StateCounts> before = totals(new StatusReader().read(db.dataSource(), detection.bindings()));
        for (String id : ids) {
            assertNotEquals(0L, before.get(id).total(), id + " has seeded rows");
        }
        // One random stream per system, as DemoWorkers has: adding a system does not change another's ticks.
        Map<String, Random> randoms = new TreeMap<>();
        systems.forEach(system -> randoms.put(system.profileId(), new Random(system.profileId().hashCode())));
        for (int tick = 0; tick < 8; tick++) {
            for (DemoSystem system : systems) {
                try (Connection connection = db.dataSource().getConnection()) {
                    system.tick(connection, randoms.get(system.profileId()));
                }
            }
            Thread.sleep(400);
        }
        Map<String, StateCounts> after = totals(new StatusReader().read(db.dataSource(), detection.bindings()));
        for (String id : ids) {
            assertNotEquals(before.get(id), after.get(id), id + " counts should move as its workers tick");
        }
    }
}
