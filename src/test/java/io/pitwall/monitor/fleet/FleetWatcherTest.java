package io.pitwall.monitor.fleet;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.SavedChecks;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.health.HealthFixture;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.queue.HealthSeverity;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 7: one window watches every saved connection. Two real databases (one with stuck and failed tasks,
 * one healthy), one whose port nothing listens on, one that accepts the connection and never answers, and one saved
 * entry that is not a usable URI.
 */
class FleetWatcherTest {

    @TempDir
    static Path config;

    private static TestDatabase troubled;
    private static TestDatabase healthy;
    private static ServerSocket blackHole;
    private static final List<Socket> held = new CopyOnWriteArrayList<>();
    private static int refusedPort;

    @BeforeAll
    static void databases() throws Exception {
        troubled = HealthFixture.create();
        healthy = TestDatabase.fresh();
        try (InputStream in = FleetWatcherTest.class.getResourceAsStream("/io/pitwall/demo/shithub.sql")) {
            healthy.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        healthy.execute("INSERT INTO shithub.jobs (kind, state, created_at, updated_at) VALUES ('email', 'queued', now(), now())");
        try (ServerSocket probe = new ServerSocket(0)) {
            refusedPort = probe.getLocalPort();
        }
        // Accepts TCP connections and never says a word: a server that hangs, or a firewall that drops replies.
        blackHole = new ServerSocket(0);
        Thread.ofVirtual().start(() -> {
            while (!blackHole.isClosed()) {
                try {
                    held.add(blackHole.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void closeBlackHole() throws IOException {
        blackHole.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    private static final class TestClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }
    }

    private static List<FleetMember> savedFleet() throws Exception {
        SavedConnections saved = new SavedConnections(config.resolve("connections.json"));
        Files.deleteIfExists(config.resolve("connections.json"));
        saved.remember(new ConnectionIdentity("orders-prod", "production", null, false, null),
                TargetResolver.fromSystem().resolve(troubled.url()));
        saved.remember(new ConnectionIdentity("billing-staging", "staging", null, false, null),
                TargetResolver.fromSystem().resolve(healthy.url()));
        saved.remember(new ConnectionIdentity("old-reports", "production", null, false, null),
                TargetResolver.fromSystem().resolve("postgresql://postgres@127.0.0.1:" + refusedPort + "/reports"));
        saved.remember(new ConnectionIdentity("hung-dc2", "", null, false, null),
                TargetResolver.fromSystem().resolve("postgresql://postgres@127.0.0.1:" + blackHole.getLocalPort() + "/q"));
        // A hand-edited entry whose URI cannot be read: listed as unusable, never a crash.
        String text = Files.readString(config.resolve("connections.json"));
        Files.writeString(config.resolve("connections.json"), text.replaceFirst("\\[",
                "[ {\"name\": \"typo\", \"uri\": \"postgresql://[broken\"},"));
        Files.writeString(config.resolve("checks.json"), "{\"orders-prod\": {\"stuck\": [\"1,2\"]}}");
        return SavedFleet.load(saved, new SavedChecks(config.resolve("checks.json")), TargetResolver.fromSystem());
    }

    private static FleetEntry entry(FleetSnapshot snapshot, String name) {
        return snapshot.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyConnectionIsReadSideBySideAndTheWorstComesFirst() throws Exception {
        ProfileRegistry registry = new ProfileLoader().loadAll();
        TestClock clock = new TestClock();
        FleetWatcher.Settings settings = new FleetWatcher.Settings(Duration.ofMillis(1500), Duration.ofSeconds(20),
                Duration.ofSeconds(30));
        List<FleetMember> members = savedFleet();
        assertEquals(5, members.size());
        try (FleetWatcher fleet = new FleetWatcher(members, registry, settings, clock)) {
            long started = System.nanoTime();
            FleetSnapshot first = fleet.poll();
            Duration round = Duration.ofNanos(System.nanoTime() - started);
            // The hung server would hold a connect for 10 s, the pool's wait 3 s: the round ends on its own limit.
            assertTrue(round.compareTo(Duration.ofSeconds(3)) < 0, "a round waits for nobody past its limit: " + round);
            FleetEntry hung = entry(first, "hung-dc2");
            assertEquals(FleetHealth.SLOW, hung.health(), hung.problem());
            assertEquals(HealthSeverity.UNKNOWN, hung.severity());
            assertTrue(hung.problem().startsWith("no answer within 1.5 s"), hung.problem());

            FleetEntry orders = entry(first, "orders-prod");
            assertEquals(FleetHealth.OK, orders.health(), orders.problem());
            assertEquals(HealthSeverity.CRITICAL, orders.severity(), "its checks.json section: stuck 1,2");
            assertEquals(HealthFixture.STUCK, orders.stuck());
            assertEquals(HealthFixture.QUEUED, orders.queued());
            assertEquals(10, orders.failed());
            assertNotNull(orders.oldestQueued());
            assertTrue(orders.oldestQueued().toMinutes() >= 29, "the repo.push task queued 30 min ago: " + orders.oldestQueued());
            assertEquals("shithub", orders.queues().getFirst().profileId());
            assertTrue(orders.breaches().getFirst().contains("stuck"), orders.breaches().toString());

            FleetEntry billing = entry(first, "billing-staging");
            assertEquals(FleetHealth.OK, billing.health(), billing.problem());
            assertEquals(HealthSeverity.OK, billing.severity());
            assertEquals(1, billing.queued());
            assertEquals(0, billing.stuck());

            FleetEntry typo = entry(first, "typo");
            assertEquals(FleetHealth.UNREACHABLE, typo.health());
            assertTrue(typo.problem().startsWith("saved connection:"), typo.problem());

            // The refused port: the pool gives up after its 3 s wait, within a round or two.
            FleetSnapshot later = first;
            for (int i = 0; i < 20 && entry(later, "old-reports").health() != FleetHealth.UNREACHABLE; i++) {
                Thread.sleep(250);
                later = fleet.poll();
            }
            FleetEntry down = entry(later, "old-reports");
            assertEquals(FleetHealth.UNREACHABLE, down.health(), down.problem());
            assertEquals(HealthSeverity.UNKNOWN, down.severity());
            assertTrue(down.problem().toLowerCase().contains("refused"), down.problem());

            List<String> order = later.entries().stream().map(FleetEntry::name).toList();
            assertEquals(List.of("orders-prod", "billing-staging"), order.subList(3, 5),
                    "what cannot be read first (UNKNOWN), then critical, then OK: " + order);
            assertTrue(order.subList(0, 3).containsAll(List.of("old-reports", "hung-dc2", "typo")), order.toString());
            assertEquals(3, later.count(FleetHealth.UNREACHABLE) + later.count(FleetHealth.SLOW));
        }
    }

    @Test
    void pollingOftenCostsEachDatabaseNoMoreThanOneConsole() throws Exception {
        ProfileRegistry registry = new ProfileLoader().loadAll();
        TestClock clock = new TestClock();
        FleetWatcher.Settings settings = new FleetWatcher.Settings(Duration.ofSeconds(4), Duration.ofSeconds(20),
                Duration.ofSeconds(30));
        List<FleetMember> members = List.of(
                new FleetMember(new ConnectionIdentity("a", "", null, false, null),
                        TargetResolver.fromSystem().resolve(troubled.url()), SavedFleet.thresholds(Map.of())),
                new FleetMember(new ConnectionIdentity("b", "", null, false, null),
                        TargetResolver.fromSystem().resolve(healthy.url()), SavedFleet.thresholds(Map.of())),
                new FleetMember(new ConnectionIdentity("down", "", null, false, null),
                        TargetResolver.fromSystem().resolve("postgresql://postgres@127.0.0.1:" + refusedPort + "/x"),
                        SavedFleet.thresholds(Map.of())));
        try (FleetWatcher fleet = new FleetWatcher(members, registry, settings, clock)) {
            for (int i = 0; i < 10; i++) {
                fleet.poll();
            }
            // Ten rounds within one console refresh: the counts, the stuck list and the trends read once each.
            assertEquals(3L, fleet.databaseReads().get("a"));
            assertEquals(3L, fleet.databaseReads().get("b"));
            clock.advance(Duration.ofMillis(1500));
            fleet.poll();
            assertEquals(4L, fleet.databaseReads().get("a"), "after 1.5 s only the counts are read again");
            clock.advance(Duration.ofMillis(3500));
            fleet.poll();
            assertEquals(6L, fleet.databaseReads().get("a"), "after 5 s the counts and the stuck list");

            // The down database was asked once; until its retry time every round answers at once without asking.
            FleetEntry down = entry(fleet.poll(), "down");
            assertEquals(FleetHealth.UNREACHABLE, down.health());
            long started = System.nanoTime();
            FleetEntry again = entry(fleet.poll(), "down");
            assertEquals(FleetHealth.UNREACHABLE, again.health());
            assertTrue(again.problem().startsWith("still unreachable"), again.problem());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1000,
                    "a known-down database costs a round no waiting");
        }
    }

    @Test
    void aReadSlowerThanTheMarkIsSlowButTheFirstOneDetectsAndIsNot() throws Exception {
        TestClock clock = new TestClock();
        FleetWatcher.Settings settings = new FleetWatcher.Settings(Duration.ofSeconds(4), Duration.ZERO, Duration.ofSeconds(30));
        List<FleetMember> members = List.of(new FleetMember(new ConnectionIdentity("a", "", null, false, null),
                TargetResolver.fromSystem().resolve(healthy.url()), SavedFleet.thresholds(Map.of())));
        try (FleetWatcher fleet = new FleetWatcher(members, new ProfileLoader().loadAll(), settings, clock)) {
            FleetEntry first = fleet.poll().entries().getFirst();
            assertEquals(FleetHealth.OK, first.health(), "the first read also detects the schemas: " + first.problem());
            clock.advance(Duration.ofMillis(1500));
            FleetEntry second = fleet.poll().entries().getFirst();
            assertEquals(FleetHealth.SLOW, second.health());
            assertEquals(HealthSeverity.WARNING, second.severity());
            assertTrue(second.problem().startsWith("slow: the read took"), second.problem());
            assertEquals(1, second.queued(), "a slow connection keeps its figures");
        }
    }
}
