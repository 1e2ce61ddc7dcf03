package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.monitor.health.HealthFixture;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pitwall check on a real PostgreSQL, each threshold tried on both sides of the figure it judges, with the
 * monitoring-plugin exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
 */
class CheckCommandTest {

    private static TestDatabase db;

    @TempDir
    Path config;

    @BeforeAll
    static void fixture() throws IOException {
        db = HealthFixture.create();
    }

    @AfterEach
    void forgetConfig() {
        System.clearProperty("pitwall.config.dir");
    }

    private static CliRun check(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "check";
        full[1] = "--url";
        full[2] = db.url();
        System.arraycopy(args, 0, full, 3, args.length);
        return CliRun.of(full);
    }

    private static long sql(String query) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void everythingWithinItsThresholdIsOk() {
        CliRun run = check("--stuck", "3", "--depth", "6", "--oldest-queued", "45m", "--failures-per-minute", "2");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().startsWith("PITWALL OK - "), run.out());
        assertEquals(1, run.out().lines().count(), "no breach lines when nothing breaches: " + run.out());
    }

    @Test
    void stuckOnBothSidesOfTheWarning() {
        CliRun at = check("--stuck", "2,5");
        assertEquals(1, at.exitCode(), at.out() + at.err());
        assertTrue(at.out().startsWith("PITWALL WARNING - 1 warning in 1 queues"), at.out());
        assertTrue(at.out().contains("WARNING stuck shithub/shithub.jobs: 2 (warning 2, critical 5)"), at.out());
        assertEquals(0, check("--stuck", "3,5").exitCode());
    }

    @Test
    void depthCriticalPerQueueAndPerKind() throws SQLException {
        long queued = sql("SELECT count(*) FROM shithub.jobs WHERE state = 'queued'");
        assertEquals(HealthFixture.QUEUED, queued);
        CliRun queue = check("--depth", "3," + queued);
        assertEquals(2, queue.exitCode(), queue.out());
        assertTrue(queue.out().contains("CRITICAL depth shithub/shithub.jobs: " + queued), queue.out());
        assertEquals(1, check("--depth", "3," + (queued + 1)).exitCode());

        CliRun kind = check("--depth", "shithub/*/repo.push=,3");
        assertEquals(2, kind.exitCode(), kind.out());
        assertTrue(kind.out().contains("CRITICAL depth shithub/shithub.jobs/repo.push: 3 (critical 3)"), kind.out());
        assertTrue(!kind.out().contains("/email"), "email has 2 queued, under the limit: " + kind.out());
        assertEquals(0, check("--depth", "shithub/*/repo.push=,4").exitCode());
    }

    @Test
    void theNarrowestThresholdDecides() {
        // Profile-wide the queue would be critical; the queue's own, looser limit wins.
        CliRun run = check("--depth", "shithub=1,2", "--depth", "shithub/shithub.jobs=10,20");
        assertEquals(0, run.exitCode(), run.out());
    }

    @Test
    void oldestQueuedAge() {
        CliRun warn = check("--oldest-queued", "20m,1h");
        assertEquals(1, warn.exitCode(), warn.out());
        assertTrue(warn.out().contains("WARNING oldest-queued shithub/shithub.jobs: 30 min (warning 20 min, critical 60 min)"),
                warn.out());
        assertEquals(2, check("--oldest-queued", "10m,25m").exitCode());
        assertEquals(0, check("--oldest-queued", "35m").exitCode());
    }

    @Test
    void failuresPerMinuteOverTheLastFiveMinutes() {
        // 6 failures in the last 5 minutes = 1.2 a minute; the 4 from 90 minutes ago do not count.
        CliRun run = check("--failures-per-minute", "1,2", "--json");
        assertEquals(1, run.exitCode(), run.out());
        JsonNode breach = run.json().get("breaches").get(0);
        assertEquals("failures-per-minute", breach.get("metric").asText());
        assertEquals(HealthFixture.RECENT_FAILURES / 5.0, breach.get("value").asDouble(), 1e-9);
        assertEquals(0, check("--failures-per-minute", "1.3").exitCode());
    }

    @Test
    void jsonCarriesStatusBreachesAndThresholds() {
        CliRun run = check("--json", "--stuck", "1,2", "--depth", "100");
        assertEquals(2, run.exitCode(), run.out());
        JsonNode doc = run.json();
        assertEquals("CRITICAL", doc.get("status").asText());
        assertEquals(2, doc.get("exitCode").asInt());
        assertEquals(1, doc.get("queues").asInt());
        JsonNode breach = doc.get("breaches").get(0);
        assertEquals("stuck", breach.get("metric").asText());
        assertEquals("shithub", breach.get("profile").asText());
        assertEquals("shithub.jobs", breach.get("queue").asText());
        assertEquals(HealthFixture.STUCK, breach.get("value").asInt());
        assertEquals(2, doc.get("thresholds").size());
    }

    @Test
    void withNoThresholdAnyStuckTaskWarns() {
        CliRun run = check();
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("WARNING stuck shithub/shithub.jobs: 2 (warning 1)"), run.out());
    }

    @Test
    void unknownWhenTheDatabaseCannotBeRead() {
        CliRun run = CliRun.of("check", "--url", "postgresql://postgres@127.0.0.1:1/nothing");
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().startsWith("PITWALL UNKNOWN - cannot read"), run.out());
    }

    @Test
    void unknownForBadThresholdsAndBadFlags() {
        CliRun bad = check("--depth", "lots");
        assertEquals(3, bad.exitCode());
        assertTrue(bad.out().contains("--depth lots"), bad.out());
        assertEquals(3, check("--no-such-flag").exitCode());
        assertEquals(3, check("--profile", "nope").exitCode());
    }

    @Test
    void savedThresholdsOfAConnection() throws IOException {
        System.setProperty("pitwall.config.dir", config.toString());
        Files.writeString(config.resolve("connections.json"),
                "[{\"name\": \"ci-db\", \"uri\": \"" + db.url() + "\"}]");
        Files.writeString(config.resolve("checks.json"), """
                {"*": {"stuck": ["5"]},
                 "ci-db": {"depth": ["3,5"]},
                 "other": {"depth": ["1"]}}
                """);
        CliRun run = CliRun.of("check", "--connection", "ci-db");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("CRITICAL depth shithub/shithub.jobs: 5"), run.out());
        assertTrue(!run.out().contains("stuck"), "the '*' section's stuck limit of 5 is not reached: " + run.out());

        Files.writeString(config.resolve("checks.json"), "{\"ci-db\": {\"latency\": [\"1\"]}}");
        CliRun broken = CliRun.of("check", "--connection", "ci-db");
        assertEquals(3, broken.exitCode());
        assertTrue(broken.out().contains("checks.json") && broken.out().contains("unknown metric 'latency'"), broken.out());
        assertEquals(3, CliRun.of("check", "--connection", "missing").exitCode());
    }
}
