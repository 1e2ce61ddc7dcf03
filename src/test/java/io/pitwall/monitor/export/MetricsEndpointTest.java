package io.pitwall.monitor.export;

import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.health.HealthFixture;
import io.pitwall.monitor.health.HealthReader;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scrapes the metrics endpoint with a real HTTP client against a real PostgreSQL, checks the body with promtool
 * and compares every value with what SQL says.
 */
class MetricsEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestDatabase db;
    private static MonitorSession session;
    private static MonitorSession downSession;
    private static MetricsServer server;

    @BeforeAll
    static void start() throws Exception {
        db = HealthFixture.create();
        ProfileRegistry registry = new ProfileLoader().loadAll();
        session = new MonitorSession(new DatabasePools(TargetResolver.fromSystem().resolve(db.url())), registry);
        downSession = new MonitorSession(new DatabasePools(TargetResolver.fromSystem()
                .resolve("postgresql://postgres@127.0.0.1:1/gone")), registry);
        server = MetricsServer.start("127.0.0.1", 0, List.of(
                new WatchedDatabase("ci", new HealthReader(session)),
                new WatchedDatabase("down", new HealthReader(downSession))));
    }

    @AfterAll
    static void stop() {
        server.close();
        session.close();
        downSession.close();
    }

    static String scrape(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static double sql(String query) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(query)) {
            rows.next();
            return rows.getDouble(1);
        }
    }

    @Test
    void everyValueIsWhatTheDatabaseSays() throws Exception {
        assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
        PromText metrics = PromText.parse(scrape(server.url()));
        String[] queue = {"connection", "ci", "profile", "shithub", "queue", "shithub.jobs"};
        for (String[] state : new String[][]{{"QUEUED", "queued"}, {"RUNNING", "processing"}, {"FAILED", "failed"},
                {"PAUSED", "paused"}, {"SUCCEEDED", "completed"}}) {
            assertEquals(sql("SELECT count(*) FROM shithub.jobs WHERE state = '" + state[1] + "'"),
                    metrics.value("pitwall_tasks", with(queue, "state", state[0], "accuracy", "exact")), state[0]);
        }
        assertEquals(sql("SELECT count(*) FROM shithub.jobs WHERE state = 'queued' AND kind = 'repo.push'"),
                metrics.value("pitwall_kind_tasks", with(queue, "kind", "repo.push", "state", "QUEUED")));
        double stuck = sql("SELECT count(*) FROM shithub.jobs WHERE state = 'processing'"
                + " AND leased_at <= now() - interval '5 minutes'");
        assertEquals(stuck, metrics.value("pitwall_stuck", queue));
        assertEquals(stuck, metrics.value("pitwall_stuck_by_rule", with(queue, "rule", "lease-expired")));
        double oldest = sql("SELECT extract(epoch FROM now() - min(created_at)) FROM shithub.jobs WHERE state = 'queued'");
        assertEquals(oldest, metrics.value("pitwall_oldest_queued_age_seconds", queue), 5.0);
        double recentFailures = sql("SELECT count(*) FROM shithub.jobs WHERE state = 'failed'"
                + " AND updated_at >= now() - interval '5 minutes'");
        assertEquals(recentFailures / 5, metrics.value("pitwall_failures_per_minute", queue), 1e-9);
        assertEquals(1, metrics.value("pitwall_up", "connection", "ci"));
    }

    @Test
    void anUnreachableDatabaseIsDownAndCountedWhileTheOthersStillReport() throws Exception {
        PromText first = PromText.parse(scrape(server.url()));
        PromText second = PromText.parse(scrape(server.url()));
        assertEquals(0, second.value("pitwall_up", "connection", "down"));
        assertTrue(second.value("pitwall_scrape_errors_total", "connection", "down")
                > first.value("pitwall_scrape_errors_total", "connection", "down"));
        assertEquals(0, second.value("pitwall_scrape_errors_total", "connection", "ci"));
        assertEquals(1, second.value("pitwall_up", "connection", "ci"));
        assertTrue(second.named("pitwall_scrape_duration_seconds").size() == 2);
    }

    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        Promtool.Result lint = Promtool.run(scrape(server.url()), "check", "metrics");
        assertEquals(0, lint.exitCode(), lint.output());
    }

    @Test
    void openMetricsWhenAskedFor() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url()))
                .header("Accept", "application/openmetrics-text; version=1.0.0").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"),
                response.headers().toString());
        assertTrue(response.body().trim().endsWith("# EOF"));
    }

    @Test
    void scrapesAsOftenAsTheyComeCostNoMoreThanTheConsoleDoes() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T03:00:00Z"));
        HealthReader reader = new HealthReader(session, clock, HealthReader.STATUS_EVERY, HealthReader.STUCK_EVERY,
                HealthReader.TRENDS_EVERY);
        try (MetricsServer own = MetricsServer.start("127.0.0.1", 0, List.of(new WatchedDatabase("ci", reader)))) {
            for (int i = 0; i < 25; i++) {
                scrape(own.url());
            }
            assertEquals(3, reader.databaseReads(), "25 scrapes in one instant: one status, one stuck, one trends read");
            clock.advance(Duration.ofMillis(1500));
            scrape(own.url());
            scrape(own.url());
            assertEquals(4, reader.databaseReads(), "after 1.5 s only the counts are read again");
            clock.advance(Duration.ofMillis(3500));
            scrape(own.url());
            assertEquals(6, reader.databaseReads(), "after 5 s counts and stuck");
            clock.advance(Duration.ofSeconds(10));
            scrape(own.url());
            assertEquals(9, reader.databaseReads(), "after 15 s everything, as the console would");
        }
    }

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
