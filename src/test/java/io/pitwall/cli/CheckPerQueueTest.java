package io.pitwall.cli;

import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where one table holds many queues (a profile's tasks.queue, as River, Oban or pg-boss keep them), check judges each
 * queue's backlog on its own.
 */
class CheckPerQueueTest {

    private static TestDatabase db;
    private static Path config;

    @BeforeAll
    static void fixture() throws Exception {
        config = Files.createTempDirectory("pitwall-check-queues");
        Files.createDirectories(config.resolve("profiles"));
        Files.writeString(config.resolve("profiles").resolve("many-queues.json"), """
                {"id": "many-queues", "title": "one table, many queues", "system": "test", "source": "this test",
                 "description": "a jobs table with a queue column",
                 "detect": {"table": "mq_jobs", "columns": ["id", "queue:text", "kind:text", "state:text"]},
                 "tasks": {"id": "id", "kind": "kind", "state": "state", "queue": "queue", "claimedAt": "started_at"},
                 "stuck": [{"id": "running-long", "where": "t.state = 'running' AND t.started_at < now() - {threshold}",
                            "since": "started_at", "threshold": "10m", "evidence": "running for {age}"}],
                 "states": {"available": "QUEUED", "running": "RUNNING", "completed": "SUCCEEDED"}}
                """);
        System.setProperty("pitwall.config.dir", config.toString());
        db = TestDatabase.fresh();
        db.execute("""
                CREATE TABLE mq_jobs (id bigserial PRIMARY KEY, queue text NOT NULL, kind text NOT NULL, state text NOT NULL,
                                      started_at timestamptz);
                INSERT INTO mq_jobs (queue, kind, state)
                  SELECT 'mailers', 'send_email', 'available' FROM generate_series(1, 40);
                INSERT INTO mq_jobs (queue, kind, state)
                  SELECT 'default', 'resize', 'available' FROM generate_series(1, 3);
                INSERT INTO mq_jobs (queue, kind, state) VALUES ('default', 'resize', 'running'), ('default', 'resize', 'completed');
                INSERT INTO mq_jobs (queue, kind, state, started_at) VALUES
                  ('mailers', 'send_email', 'running', now() - interval '2 hours'),
                  ('mailers', 'send_email', 'running', now() - interval '3 hours'),
                  ('default', 'resize', 'running', now() - interval '1 minute');
                """);
    }

    @AfterAll
    static void forget() {
        System.clearProperty("pitwall.config.dir");
    }

    @Test
    void eachQueueOfOneTableHasItsOwnBacklog() {
        CliRun run = CliRun.of("check", "--url", db.url(), "--depth", "many-queues/mailers=10,30",
                "--depth", "many-queues/default=10,30");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("CRITICAL depth many-queues/mailers: 40 (warning 10, critical 30)"), run.out());
        assertTrue(!run.out().contains("many-queues/default"), "default has 3 queued: " + run.out());
        assertEquals(0, CliRun.of("check", "--url", db.url(), "--depth", "many-queues/mailers=41").exitCode());
    }

    @Test
    void eachQueueOfOneTableHasItsOwnStuckTasks() {
        CliRun mailers = CliRun.of("check", "--url", db.url(), "--stuck", "many-queues/mailers=1,2");
        assertEquals(2, mailers.exitCode(), mailers.out() + mailers.err());
        assertTrue(mailers.out().contains("CRITICAL stuck many-queues/mailers: 2"), mailers.out());
        // The table has 2 stuck tasks, all in mailers: default's running task is 1 minute old.
        CliRun quiet = CliRun.of("check", "--url", db.url(), "--stuck", "many-queues/default=1");
        assertEquals(0, quiet.exitCode(), quiet.out() + quiet.err());
        CliRun stuck = CliRun.of("stuck", "--url", db.url(), "--profile", "many-queues", "--json");
        assertTrue(stuck.out().contains("\"queue\" : \"mailers\""), stuck.out());
        assertTrue(!stuck.out().contains("\"queue\" : \"default\""), stuck.out());
    }

    @Test
    void metricsCountEachQueueUnderItsName() throws Exception {
        var registry = new io.pitwall.profile.ProfileLoader().loadAll();
        try (var session = new io.pitwall.monitor.MonitorSession(new io.pitwall.connect.DatabasePools(
                io.pitwall.connect.TargetResolver.fromSystem().resolve(db.url())), registry);
             var server = io.pitwall.monitor.export.MetricsServer.start("127.0.0.1", 0, java.util.List.of(
                     new io.pitwall.monitor.export.WatchedDatabase("ci", new io.pitwall.monitor.health.HealthReader(session))))) {
            String body = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(body.contains("pitwall_tasks{accuracy=\"exact\",connection=\"ci\",profile=\"many-queues\",queue=\"mailers\",state=\"QUEUED\"} 40"),
                    body);
            assertTrue(body.contains("queue=\"default\",state=\"QUEUED\"} 3"), body);
            assertTrue(body.contains("queue=\"default\",state=\"RUNNING\"} 2"), body);
            assertTrue(body.contains("pitwall_stuck{connection=\"ci\",profile=\"many-queues\",queue=\"mailers\"} 2"), body);
            assertTrue(body.contains("pitwall_stuck{connection=\"ci\",profile=\"many-queues\",queue=\"default\"} 0"), body);
        }
    }
}
