package io.pitwall.systems;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The solid-queue profile on Solid Queue's real schema (rails/solid_queue queue_schema.rb, commit 29e818d9) with jobs
 * written by its own statements: detection, counts against Solid Queue's own count queries, the dead worker's jobs
 * as stuck with evidence, real error text, show and the timeline of one Active Job across its retries.
 */
class SolidQueueProfileTest {

    private static SolidQueueFixture sq;

    @BeforeAll
    static void seed() {
        sq = new SolidQueueFixture();
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
    void detectFindsSolidQueueAndNoOtherProfile() {
        ActionFixture.Run detect = sq.f.cli("detect");
        assertEquals(0, detect.exitCode(), detect.err());
        List<String> found = new ArrayList<>();
        detect.json().get("profiles").forEach(p -> found.add(p.get("profile").asText() + "@" + p.get("where").asText()));
        assertEquals(List.of("solid-queue@solid_queue.solid_queue_jobs"), found);
    }

    @Test
    void aSolidQueue0xInstallIsFoundAndOneMissingExecutionTableIsANearMiss() {
        // Solid Queue 0.x (db/migrate/20231211200639_create_solid_queue_tables.rb, before 20240811173327 added
        // processes.name and before the recurring tables): the same profile reads it.
        ActionFixture old = new ActionFixture("solid-queue");
        old.db.execute("DROP TABLE solid_queue.solid_queue_recurring_executions, solid_queue.solid_queue_recurring_tasks;"
                + " ALTER TABLE solid_queue.solid_queue_processes DROP COLUMN name");
        assertEquals("solid-queue", old.cli("detect").json().get("profiles").get(0).get("profile").asText());
        old.db.execute("DROP TABLE solid_queue.solid_queue_claimed_executions");
        JsonNode detect = old.cli("detect").json();
        assertEquals(0, detect.get("profiles").size(), detect.toString());
        assertTrue(detect.get("problems").toString().contains("missing table solid_queue_claimed_executions"), detect.toString());
    }

    @Test
    void countsEqualSolidQueuesOwnCountQueries() {
        ActionFixture.Run status = sq.f.cli("status", "--profile", "solid-queue", "--kinds");
        assertEquals(0, status.exitCode(), status.err());
        JsonNode profile = status.json().get("profiles").get(0);
        Map<String, Long> counts = counts(profile.get("counts"));
        String s = "solid_queue.solid_queue_";
        // Mission Control's counts: ReadyExecution.count (pending, of which the paused queue's), ScheduledExecution,
        // BlockedExecution, ClaimedExecution (in progress), FailedExecution, Job.finished.
        long ready = sq.count("SELECT count(*) FROM " + s + "ready_executions");
        long pausedReady = sq.count("SELECT count(*) FROM " + s + "ready_executions r JOIN " + s + "pauses p USING (queue_name)");
        long blocked = sq.count("SELECT count(*) FROM " + s + "blocked_executions");
        assertEquals(ready - pausedReady + blocked, counts.get("QUEUED"));
        assertEquals(pausedReady, counts.get("PAUSED"));
        assertEquals(sq.count("SELECT count(*) FROM " + s + "scheduled_executions"), counts.get("SCHEDULED"));
        assertEquals(sq.count("SELECT count(*) FROM " + s + "claimed_executions"), counts.get("RUNNING"));
        assertEquals(sq.count("SELECT count(*) FROM " + s + "failed_executions"), counts.get("FAILED"));
        assertEquals(sq.count("SELECT count(*) FROM " + s + "jobs WHERE finished_at IS NOT NULL"), counts.get("SUCCEEDED"));
        assertEquals(Map.of("QUEUED", 2L, "PAUSED", 1L, "SCHEDULED", 2L, "RUNNING", 3L, "FAILED", 2L, "SUCCEEDED", 2L), counts);

        Map<String, Map<String, Long>> kinds = new TreeMap<>();
        profile.get("kinds").forEach(k -> kinds.put(k.get("kind").asText(), counts(k.get("counts"))));
        assertEquals(Map.of("RUNNING", 2L, "QUEUED", 1L), kinds.get("ImportJob"));
        assertEquals(Map.of("FAILED", 2L, "PAUSED", 1L), kinds.get("UserMailerJob"));
        assertEquals(Map.of("SUCCEEDED", 1L, "SCHEDULED", 1L), kinds.get("WebhookJob"), "the retry waits as SCHEDULED");
        JsonNode raw = profile.get("raw");
        assertTrue(raw.toString().contains("scheduled (retry)"), "the raw state is beside the canonical one: " + raw);
        assertTrue(raw.toString().contains("blocked"), raw.toString());
    }

    @Test
    void theDeadWorkersJobsAreStuckWithEvidenceAndTheLiveOnesAreNot() {
        ActionFixture.Run stuck = sq.f.cli("stuck", "--profile", "solid-queue");
        assertEquals(0, stuck.exitCode(), stuck.err());
        Map<String, String> byId = new TreeMap<>();
        stuck.json().get("profiles").get(0).get("stuck").forEach(item ->
                byId.put(item.get("id").asText(), item.get("rule").asText() + ": " + item.get("evidence").asText()));
        assertEquals(List.of(sq.id("deadHeartbeat"), sq.id("orphaned")).stream().sorted().toList(),
                new ArrayList<>(byId.keySet()));
        String dead = byId.get(sq.id("deadHeartbeat"));
        assertTrue(dead.startsWith("process-dead: claimed by Worker app-2:5202 (process " + sq.deadWorker + ")"), dead);
        assertTrue(dead.contains("last heartbeat was 12 min ago") && dead.contains("process_alive_threshold 5 min"), dead);
        String orphan = byId.get(sq.id("orphaned"));
        assertTrue(orphan.startsWith("process-missing: claimed ") && orphan.contains("no longer in solid_queue_processes"), orphan);
    }

    @Test
    void failedJobsShowSolidQueuesErrorTextGrouped() {
        ActionFixture.Run failed = sq.f.cli("failed", "--profile", "solid-queue", "--group");
        assertEquals(0, failed.exitCode(), failed.err());
        JsonNode groups = failed.json().get("profiles").get(0).get("groups");
        assertEquals(1, groups.size(), groups.toString());
        assertEquals(2, groups.get(0).get("count").asInt());
        assertTrue(groups.get(0).get("sample").asText().startsWith("ActiveRecord::RecordNotFound: Couldn't find User with 'id'="),
                groups.toString());
    }

    @Test
    void showNamesTheStateTheQueueAndTheHolder() {
        ActionFixture.Run failed = sq.f.cli("show", "--profile", "solid-queue", "--task", sq.id("failed"));
        assertEquals(0, failed.exitCode(), failed.err());
        JsonNode task = failed.json().get("task");
        assertEquals("FAILED", task.get("state").asText());
        assertEquals("failed", task.get("rawState").asText());
        assertEquals("ActiveRecord::RecordNotFound: Couldn't find User with 'id'=42", task.get("error").asText());

        JsonNode running = sq.f.cli("show", "--profile", "solid-queue", "--task", sq.id("running")).json().get("task");
        assertEquals("RUNNING", running.get("state").asText());
        assertEquals("app-1:4101", running.get("owner").asText());
        JsonNode paused = sq.f.cli("show", "--profile", "solid-queue", "--task", sq.id("paused")).json().get("task");
        assertEquals("PAUSED", paused.get("state").asText());
        assertEquals("ready (queue paused)", paused.get("rawState").asText());
    }

    @Test
    void theTimelineOfAnActiveJobHoldsEachOfItsAttempts() {
        String activeJobId = sq.f.value("SELECT active_job_id FROM solid_queue.solid_queue_jobs WHERE id = " + sq.id("retry"));
        ActionFixture.Run timeline = sq.f.cli("timeline", "--profile", "solid-queue", "--pipeline", activeJobId);
        assertEquals(0, timeline.exitCode(), timeline.err());
        List<String> spans = new ArrayList<>();
        timeline.json().get("spans").forEach(span -> spans.add(span.get("id").asText() + ":" + span.get("state").asText()));
        assertEquals(List.of(sq.id("retriedAttempt") + ":SUCCEEDED", sq.id("retry") + ":SCHEDULED"), spans.stream().sorted().toList());
    }
}
