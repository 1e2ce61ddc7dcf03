package io.pitwall.systems;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The good-job profile on GoodJob's real schema (create_good_jobs.rb.erb, v4.19.2 commit 81db22b7) with jobs written
 * by its own statements: detection across versions, counts against GoodJob's own scopes (app/models/good_job/job.rb),
 * dead workers' jobs as stuck with evidence from pg_locks and good_job_processes, real errors, show, timeline.
 */
class GoodJobProfileTest {

    private static GoodJobFixture gj;

    @BeforeAll
    static void seed() {
        gj = new GoodJobFixture();
    }

    @AfterAll
    static void close() throws Exception {
        gj.close();
    }

    private static Map<String, Long> counts(JsonNode counts) {
        Map<String, Long> map = new TreeMap<>();
        counts.fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                map.put(e.getKey(), e.getValue().asLong());
            }
        });
        return map;
    }

    @Test
    void detectFindsGoodJobAndNoOtherProfile() {
        List<String> found = new ArrayList<>();
        gj.f.cli("detect").json().get("profiles").forEach(p -> found.add(p.get("profile").asText() + "@" + p.get("where").asText()));
        assertEquals(List.of("good-job@good_job.good_jobs"), found);
    }

    @Test
    void goodJob3VersionsAreFoundAndOneWithoutExecutionsIsANearMiss() {
        // GoodJob 3.99 (v3.99.1's create_good_jobs.rb.erb): locked_by_id and locked_at, no good_jobs.lock_type.
        ActionFixture v3 = new ActionFixture("good-job");
        v3.db.execute("ALTER TABLE good_job.good_jobs DROP COLUMN lock_type; ALTER TABLE good_job.good_job_batches DROP COLUMN jobs_finished_at");
        assertEquals("good-job", v3.cli("detect").json().get("profiles").get(0).get("profile").asText());
        assertTrue(v3.cli("detect").json().get("profiles").get(0).path("version").isMissingNode()
                || v3.cli("detect").json().get("profiles").get(0).get("version").isNull(), "the 4.x version reads 3.99");
        // Before v3.99's migration 13 (create_good_job_process_lock_ids) there is no locked_by_id: the 3.x version.
        v3.db.execute("ALTER TABLE good_job.good_jobs DROP COLUMN locked_by_id, DROP COLUMN locked_at");
        assertEquals("3.x before locked_by_id", v3.cli("detect").json().get("profiles").get(0).get("version").asText());
        // Before discrete executions (update migration 05) neither version reads it, and detect says why.
        v3.db.execute("DROP TABLE good_job.good_job_executions");
        JsonNode detect = v3.cli("detect").json();
        assertEquals(0, detect.get("profiles").size(), detect.toString());
        assertTrue(detect.get("problems").toString().contains("missing table good_job_executions"), detect.toString());
    }

    @Test
    void countsEqualGoodJobsOwnScopes() {
        ActionFixture.Run status = gj.f.cli("status", "--profile", "good-job", "--kinds");
        assertEquals(0, status.exitCode(), status.err());
        JsonNode profile = status.json().get("profiles").get(0);
        Map<String, Long> counts = counts(profile.get("counts"));
        String now = "(now() AT TIME ZONE 'UTC')";
        long queued = gj.count("performed_at IS NULL AND finished_at IS NULL AND scheduled_at <= " + now);
        long pausedQueued = gj.count("performed_at IS NULL AND finished_at IS NULL AND scheduled_at <= " + now
                + " AND queue_name IN (SELECT jsonb_array_elements_text(value->'queues') FROM good_job.good_job_settings WHERE key = 'pauses')");
        long scheduled = gj.count("finished_at IS NULL AND scheduled_at > " + now + " AND (serialized_params->>'executions')::integer < 2");
        long retried = gj.count("finished_at IS NULL AND scheduled_at > " + now + " AND (serialized_params->>'executions')::integer > 1");
        assertEquals(queued - pausedQueued, counts.get("QUEUED"));
        assertEquals(pausedQueued, counts.get("PAUSED"));
        assertEquals(scheduled + retried, counts.get("SCHEDULED"));
        assertEquals(gj.count("performed_at IS NOT NULL AND finished_at IS NULL"), counts.get("RUNNING"));
        assertEquals(gj.count("finished_at IS NOT NULL AND error IS NULL"), counts.get("SUCCEEDED"));
        assertEquals(gj.count("finished_at IS NOT NULL AND error IS NOT NULL"), counts.get("FAILED"));
        assertEquals(Map.of("QUEUED", 1L, "PAUSED", 1L, "SCHEDULED", 2L, "RUNNING", 5L, "SUCCEEDED", 1L, "FAILED", 2L), counts);
        assertTrue(profile.get("raw").toString().contains("retried"), "a job waiting for its retry: " + profile.get("raw"));
        Map<String, Map<String, Long>> kinds = new TreeMap<>();
        profile.get("kinds").forEach(k -> kinds.put(k.get("kind").asText(), counts(k.get("counts"))));
        assertEquals(Map.of("FAILED", 2L, "PAUSED", 1L), kinds.get("AccountMailerJob"));
        assertEquals(Map.of("SCHEDULED", 1L), kinds.get("WebhookJob"));
    }

    @Test
    void deadWorkersJobsAreStuckWithEvidenceAndLiveOnesAreNot() {
        ActionFixture.Run stuck = gj.f.cli("stuck", "--profile", "good-job");
        assertEquals(0, stuck.exitCode(), stuck.err());
        Map<String, String> byId = new TreeMap<>();
        stuck.json().get("profiles").get(0).get("stuck").forEach(item ->
                byId.put(item.get("id").asText(), item.get("rule").asText() + ": " + item.get("evidence").asText()));
        assertEquals(new TreeMap<>(Map.of(gj.id("staleLock"), "", gj.id("advisoryDied"), "", gj.id("interrupted"), "")).keySet(),
                byId.keySet(), "the live skiplocked and the live advisory worker's jobs are not stuck: " + byId);
        assertTrue(byId.get(gj.id("staleLock")).startsWith("locked-by-dead-process: locked by app-4:7404, which is not an active"),
                byId.toString());
        assertTrue(byId.get(gj.id("advisoryDied")).startsWith("locked-by-dead-process: locked by app-2:7202"), byId.toString());
        assertTrue(byId.get(gj.id("interrupted")).startsWith("advisory-lock-lost: performed ")
                && byId.get(gj.id("interrupted")).contains("no session holds its advisory lock"), byId.toString());
    }

    @Test
    void discardedJobsShowGoodJobsErrorTextGrouped() {
        JsonNode groups = gj.f.cli("failed", "--profile", "good-job", "--group").json().get("profiles").get(0).get("groups");
        assertEquals(1, groups.size(), groups.toString());
        assertEquals(2, groups.get(0).get("count").asInt());
        assertTrue(groups.get(0).get("sample").asText().startsWith("ActiveRecord::RecordNotFound: Couldn't find Account with 'id'="),
                groups.toString());
    }

    @Test
    void showAndTheTimelineOfAJobWithItsExecutions() {
        JsonNode task = gj.f.cli("show", "--profile", "good-job", "--task", gj.id("retried")).json().get("task");
        assertEquals("SCHEDULED", task.get("state").asText());
        assertEquals("retried", task.get("rawState").asText());
        assertEquals("Faraday::TimeoutError: timeout after 30s", task.get("error").asText());
        JsonNode running = gj.f.cli("show", "--profile", "good-job", "--task", gj.id("running")).json().get("task");
        assertEquals("app-3:7303", running.get("owner").asText());

        ActionFixture.Run timeline = gj.f.cli("timeline", "--profile", "good-job", "--pipeline", gj.id("retried"));
        assertEquals(0, timeline.exitCode(), timeline.err());
        List<String> spans = new ArrayList<>();
        timeline.json().get("spans").forEach(span -> spans.add(span.get("source").asText() + ":" + span.get("state").asText()));
        assertEquals(List.of("execution:FAILED", "task:SCHEDULED"), spans.stream().sorted().toList());
    }
}
