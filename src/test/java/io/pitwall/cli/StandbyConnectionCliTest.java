package io.pitwall.cli;

import io.pitwall.testing.StreamingStandby;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A saved connection monitored on a standby, on the command line (issue 14 item 6 with the saved connection's
 * whole definition): status, check and metrics read the real streaming standby started here; check judges its lag
 * against --replica-lag, metrics exposes it as pitwall_replica_lag_seconds; act still previews on the primary.
 */
class StandbyConnectionCliTest {

    @TempDir
    static Path config;

    private static StreamingStandby pair;
    private static DataSource primaryDb;

    @BeforeAll
    static void start() throws Exception {
        pair = StreamingStandby.start();
        primaryDb = pair.primaryDatabaseWith("queues", "/io/pitwall/demo/shithub.sql");
        execute("INSERT INTO shithub.jobs (id, kind, state) VALUES (1, 'email', 'queued')");
        System.setProperty("pitwall.config.dir", config.toString());
        Files.writeString(config.resolve("connections.json"), """
                [ {"name": "orders-replica", "uri": "%s", "environment": "production", "standbyUri": "%s"} ]
                """.formatted(pair.primaryUrl("queues"), pair.standbyUrl("queues")));
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("pitwall.config.dir");
        pair.close();
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = primaryDb.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void onStandby(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:" + pair.standbyUrl("queues").replace("postgres@", ""),
                "postgres", null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static CliRun until(Duration limit, java.util.function.Supplier<CliRun> run,
                                java.util.function.Predicate<CliRun> done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        CliRun last = run.get();
        while (!done.test(last) && System.nanoTime() < end) {
            Thread.sleep(200);
            last = run.get();
        }
        return last;
    }

    @Test
    void checkStatusAndMetricsReadTheSavedStandbyAndJudgeItsLag() throws Exception {
        CliRun caughtUp = until(Duration.ofSeconds(30), () -> CliRun.of("status", "--connection", "orders-replica", "--json"),
                r -> ShithubQueued.soFar(r) == 1);
        assertEquals(1, ShithubQueued.of(caughtUp), "replicated and counted on the standby: " + caughtUp.err());
        CliRun ok = CliRun.of("check", "--connection", "orders-replica", "--stuck", "100", "--json");
        assertEquals(0, ok.exitCode(), ok.out() + ok.err());
        assertTrue(ok.json().at("/standby/isStandby").asBoolean(), ok.out());
        assertTrue(ok.json().at("/standby/streaming").asBoolean(), ok.out());

        onStandby("SELECT pg_wal_replay_pause()");
        try {
            execute("INSERT INTO shithub.jobs (id, kind, state) VALUES (2, 'email', 'queued')");
            CliRun lagging = until(Duration.ofSeconds(30), () -> CliRun.of("check", "--connection", "orders-replica",
                    "--stuck", "100", "--replica-lag", "1s", "--json"), r -> r.exitCode() == 1);
            assertEquals(1, lagging.exitCode(), "WARNING past --replica-lag: " + lagging.out() + lagging.err());
            assertEquals("WARNING", lagging.json().at("/standby/severity").asText());
            assertTrue(lagging.json().at("/standby/lagSeconds").asDouble() >= 1, lagging.out());
            assertTrue(lagging.json().get("summary").asText().startsWith("PITWALL WARNING - standby lag "), lagging.out());
            CliRun text = CliRun.of("check", "--connection", "orders-replica", "--stuck", "100", "--replica-lag", "1s");
            assertTrue(text.out().lines().anyMatch(l -> l.startsWith("WARNING standby lag ") && l.contains(">= 1 s")),
                    text.out());
            CliRun critical = until(Duration.ofSeconds(30), () -> CliRun.of("check", "--connection", "orders-replica",
                    "--stuck", "100", "--replica-lag", "1s,2s"), r -> r.exitCode() == 2);
            assertEquals(2, critical.exitCode(), critical.out());

            assertEquals(1, ShithubQueued.of(CliRun.of("status", "--connection", "orders-replica", "--json")),
                    "the monitoring reads the standby, one behind the primary");
            CliRun preview = CliRun.of("act", "pause-kind", "--connection", "orders-replica", "--profile", "shithub",
                    "--kind", "email", "--dry-run", "--reason", "look", "--json");
            assertEquals(0, preview.exitCode(), preview.err());
            assertEquals(2, preview.json().get("matched").asInt(), "the preview is read on the primary");

            String body = scrapeOnce();
            Matcher lag = Pattern.compile("pitwall_replica_lag_seconds\\{connection=\"orders-replica\"} ([0-9.E]+)")
                    .matcher(body);
            assertTrue(lag.find(), body);
            assertTrue(Double.parseDouble(lag.group(1)) >= 1, "the standby's lag: " + lag.group());
            assertTrue(body.contains("pitwall_replica_streaming{connection=\"orders-replica\"} 1"), body);
            assertTrue(body.contains("connection=\"orders-replica\",profile=\"shithub\""), body);
        } finally {
            onStandby("SELECT pg_wal_replay_resume()");
        }
    }

    private static String scrapeOnce() throws Exception {
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = new Thread(() -> exit.set(PitwallCommand.run(demo -> 0, new PrintWriter(out),
                new PrintWriter(new StringWriter()), "metrics", "--listen", ":0", "--connection", "orders-replica")));
        command.start();
        try {
            Instant deadline = Instant.now().plusSeconds(30);
            while (!out.toString().contains("\n") && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            String url = out.toString().lines().findFirst().orElseThrow(() -> new AssertionError("no URL printed"));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return response.body();
        } finally {
            command.interrupt();
            command.join(10_000);
        }
    }
}
