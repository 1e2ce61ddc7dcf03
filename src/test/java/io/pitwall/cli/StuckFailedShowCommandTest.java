package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line contract of DESIGN.md for stuck, failed [--group] and show: JSON shape and exit codes. */
class StuckFailedShowCommandTest {

    private static TestDatabase db;

    @BeforeAll
    static void fixture() throws IOException {
        db = TestDatabase.fresh();
        for (String profile : new String[]{"shithub", "dsa110-absurd", "cloudgov-broker"}) {
            try (InputStream in = StuckFailedShowCommandTest.class.getResourceAsStream("/io/pitwall/demo/" + profile + ".sql")) {
                db.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        db.execute("""
                INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at, last_error, payload) VALUES
                  (1, 'repo.push', 'processing', 'worker-a:4242', now() - interval '10 minutes', NULL, '{"repo_id": 5}'),
                  (2, 'repo.push', 'failed', NULL, NULL, 'open /data/repos/11.git: no space left on device', '{}'),
                  (3, 'repo.archive', 'failed', NULL, NULL, 'open /data/repos/12.git: no space left on device', '{}'),
                  (4, 'repo.push', 'failed', NULL, NULL, 'context deadline exceeded', '{}');
                INSERT INTO public.service_instance (id, instance_type) VALUES ('si-1', 'alb');
                INSERT INTO public.operation (id, service_instance_id, state, action, canceled_at, updated_at) VALUES
                  (7, 'si-1', 'in progress', 'Renew', now() - interval '1 hour', now() - interval '2 hours');
                """);
    }

    private static JsonNode profile(JsonNode document, String id) {
        for (JsonNode p : document.get("profiles")) {
            if (p.get("profile").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no profile " + id + " in " + document);
    }

    @Test
    void stuckListsRuleAndEvidence() {
        CliRun run = CliRun.of("stuck", "--url", db.url(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode stuck = profile(run.json(), "shithub").get("stuck");
        assertEquals(1, stuck.size());
        assertEquals("1", stuck.get(0).get("id").asText());
        assertEquals("repo.push", stuck.get(0).get("kind").asText());
        assertEquals("lease-expired", stuck.get(0).get("rule").asText());
        assertEquals("lease held by worker-a:4242 for 10 min (timeout 5 min)", stuck.get(0).get("evidence").asText());
        assertEquals(0, profile(run.json(), "cloudgov-broker").get("stuck").size());
    }

    @Test
    void stuckThresholdCanBeRaisedForOneRun() {
        CliRun run = CliRun.of("stuck", "--url", db.url(), "--profile", "shithub", "--threshold", "lease-expired=15m", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(0, profile(run.json(), "shithub").get("stuck").size());
        assertEquals(2, CliRun.of("stuck", "--url", db.url(), "--threshold", "lease-expired=soon").exitCode());
    }

    @Test
    void failedListsAndGroups() {
        CliRun list = CliRun.of("failed", "--url", db.url(), "--profile", "shithub", "--json");
        assertEquals(0, list.exitCode(), list.err());
        JsonNode failed = profile(list.json(), "shithub").get("failed");
        assertEquals(3, failed.size());
        assertTrue(failed.get(0).has("error") && failed.get(0).has("kind") && failed.get(0).get("id").isTextual());

        CliRun grouped = CliRun.of("failed", "--url", db.url(), "--profile", "shithub", "--group", "--json");
        assertEquals(0, grouped.exitCode(), grouped.err());
        JsonNode groups = profile(grouped.json(), "shithub").get("groups");
        assertEquals(2, groups.size());
        assertEquals(2, groups.get(0).get("count").asInt());
        assertEquals("open <path>: no space left on device", groups.get(0).get("fingerprint").asText());
        assertEquals(2, groups.get(0).get("ids").size());
        assertTrue(groups.get(0).get("sample").asText().contains("no space left on device"));

        assertEquals("1h", profile(grouped.json(), "shithub").get("window").asText(), "grouping is bounded, and says so");

        CliRun filtered = CliRun.of("failed", "--url", db.url(), "--profile", "shithub", "--text", "deadline", "--json");
        assertEquals(1, profile(filtered.json(), "shithub").get("failed").size());
    }

    @Test
    void groupingReadsOnlyItsWindowUnlessWidened() {
        db.execute("INSERT INTO shithub.jobs (id, kind, state, last_error, created_at, updated_at) VALUES "
                + "(99999, 'repo.push', 'failed', 'ancient: disk on fire', now() - interval '3 days', now() - interval '3 days')");
        try {
            CliRun recent = CliRun.of("failed", "--url", db.url(), "--profile", "shithub", "--group", "--json");
            assertTrue(!recent.out().contains("ancient"), "a 3-day-old failure is outside the default 1 h window");
            CliRun wide = CliRun.of("failed", "--url", db.url(), "--profile", "shithub", "--group", "--newer-than", "7d", "--json");
            assertTrue(wide.out().contains("ancient"), wide.out());
            assertEquals("7d", profile(wide.json(), "shithub").get("window").asText());
        } finally {
            db.execute("DELETE FROM shithub.jobs WHERE last_error = 'ancient: disk on fire'");
        }
    }

    @Test
    void failedCanListAnotherFinishedState() {
        CliRun run = CliRun.of("failed", "--url", db.url(), "--profile", "cloudgov-broker", "--state", "cancelled", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode cancelled = profile(run.json(), "cloudgov-broker").get("failed");
        assertEquals(1, cancelled.size());
        assertEquals("7", cancelled.get(0).get("id").asText());
        assertEquals("CANCELLED", cancelled.get(0).get("state").asText());
        assertEquals("in progress (canceled)", cancelled.get(0).get("rawState").asText());
        assertEquals(2, CliRun.of("failed", "--url", db.url(), "--state", "broken").exitCode());
    }

    @Test
    void showPrintsOneTaskAndRefusesUnknownOnes() {
        CliRun run = CliRun.of("show", "--url", db.url(), "--profile", "shithub", "--task", "1", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode task = run.json().get("task");
        assertEquals("shithub", run.json().get("profile").asText());
        assertEquals("1", task.get("id").asText());
        assertEquals("RUNNING", task.get("state").asText());
        assertEquals("processing", task.get("rawState").asText());
        assertEquals(5, task.at("/payload/repo_id").asInt());
        assertTrue(task.at("/ageSeconds/claimed").asLong() >= 599);

        assertEquals(2, CliRun.of("show", "--url", db.url(), "--profile", "shithub", "--task", "999", "--json").exitCode());
        assertEquals(2, CliRun.of("show", "--url", db.url(), "--profile", "nope", "--task", "1").exitCode());
    }
}
