package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.demo.GraphileWorkerSql;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The graphile-worker profile on Graphile Worker's own schema (graphile/worker sql/000011.sql, 000015.sql,
 * 000016.sql, 000017.sql at abfb4cff, 0.17.3; in src/main/resources/io/pitwall/demo/graphile-worker.sql), with jobs
 * written the way Graphile writes them: add_job, then the pool's getJobs / completeJobs / failJobs statements
 * (src/sql/*.ts at the same commit; {@link GraphileWorkerSql}). A pool that died five hours ago holds a job and the
 * named queue "crm".
 */
class GraphileWorkerProfileTest {

    private static final String LIVE = "worker-live00000001";
    private static final String DEAD = "worker-dead00000001";
    private ActionFixture f;
    private long ready;
    private long running;
    private long retrying;
    private long failedA;
    private long failedB;
    private long deadJob;
    private long blockedInCrm;

    @BeforeEach
    void jobsInEveryState() throws SQLException {
        f = new ActionFixture("graphile-worker");
        try (Connection c = f.db.dataSource().getConnection()) {
            // A dead pool's job in the named queue "crm", claimed (as of) five hours ago, and one waiting behind it.
            deadJob = add("sync_crm", "'crm', now() - interval '6 hours'");
            assertEquals(deadJob, GraphileWorkerSql.getJob(c, DEAD, Instant.now().minusSeconds(5 * 3600)));
            blockedInCrm = add("sync_crm", "'crm'");
            // Two jobs that used up their single attempt with the same error, one retry waiting for its backoff.
            failedA = add("send_email", "NULL, NULL, 1");
            assertEquals(failedA, GraphileWorkerSql.getJob(c, LIVE, Instant.now()));
            GraphileWorkerSql.failJob(c, LIVE, failedA, "Error: connect ECONNREFUSED 10.0.3.21:587");
            failedB = add("send_email", "NULL, NULL, 1");
            assertEquals(failedB, GraphileWorkerSql.getJob(c, LIVE, Instant.now()));
            GraphileWorkerSql.failJob(c, LIVE, failedB, "Error: connect ECONNREFUSED 10.0.3.21:587");
            retrying = add("resize_image", "NULL, NULL, 25");
            assertEquals(retrying, GraphileWorkerSql.getJob(c, LIVE, Instant.now()));
            // Four failed attempts: the backoff grows exp(attempts) s, so the retry waits over a minute. A pool taking
            // it early is Graphile's useNodeTime fetch with a clock ahead.
            for (int attempt = 1; attempt <= 4; attempt++) {
                if (attempt > 1) {
                    assertEquals(retrying, GraphileWorkerSql.getJob(c, LIVE, Instant.now().plusSeconds(300)));
                }
                GraphileWorkerSql.failJob(c, LIVE, retrying, "Error: sharp: Input buffer contains unsupported image format");
            }
            // One that succeeded (and so is gone), one running under a live pool.
            long done = add("webhook", "NULL");
            assertEquals(done, GraphileWorkerSql.getJob(c, LIVE, Instant.now()));
            GraphileWorkerSql.completeJob(c, LIVE, done);
            running = add("webhook", "NULL");
            assertEquals(running, GraphileWorkerSql.getJob(c, LIVE, Instant.now()));
        }
        ready = add("send_email", "NULL");
        f.db.execute("SELECT graphile_worker.add_job('send_email', '{}', run_at => now() + interval '1 hour', job_key => 'digest:42')");
    }

    private long add(String task, String rest) {
        return Long.parseLong(f.value("SELECT id FROM graphile_worker.add_job('" + task + "', '{\"to\": \"a@example.com\"}', "
                + rest + ")"));
    }

    private ActionFixture.Run act(String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "graphile-worker", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    private static JsonNode only(JsonNode document, String listField) {
        assertEquals(1, document.get("profiles").size(), "one profile only: " + document);
        assertEquals("graphile-worker", document.get("profiles").get(0).get("profile").asText());
        return document.get("profiles").get(0).get(listField);
    }

    @Test
    void detectsOnlyGraphileWorkerAndNotItsPublicView() {
        JsonNode detect = f.cli("detect").json();
        assertEquals(1, detect.get("profiles").size(), detect.toString());
        assertEquals("graphile_worker._private_jobs", detect.get("profiles").get(0).get("where").asText());
        assertEquals(0, detect.path("problems").size(), "the jobs view is no near miss of anything: " + detect);
    }

    @Test
    void countsEqualGraphilesOwnPredicates() {
        JsonNode counts = only(f.cli("status").json(), "counts");
        // The fetch's own tests: is_available (unlocked, attempts < max_attempts) and run_at against now().
        assertEquals(f.value("SELECT count(*) FROM graphile_worker._private_jobs WHERE is_available AND run_at <= now()"),
                counts.path("QUEUED").asText());
        assertEquals("2", counts.path("QUEUED").asText(), "the ready job and the one behind the dead pool's queue lock");
        assertEquals(f.value("SELECT count(*) FROM graphile_worker._private_jobs WHERE is_available AND run_at > now()"),
                counts.path("SCHEDULED").asText());
        assertEquals(f.value("SELECT count(*) FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL"),
                counts.path("RUNNING").asText());
        assertEquals(f.value("SELECT count(*) FROM graphile_worker._private_jobs WHERE locked_at IS NULL AND attempts >= max_attempts"),
                counts.path("FAILED").asText());
        assertEquals("2", counts.path("FAILED").asText());
        JsonNode raw = f.cli("status").json().get("profiles").get(0).get("raw");
        assertEquals(1, raw.path("waiting retry").asInt(), "a failed attempt waiting for its retry, raw state beside: " + raw);
        assertEquals(1, raw.path("scheduled").asInt());
    }

    @Test
    void deadPoolsJobAndQueueAreStuckWithEvidence() {
        JsonNode stuck = only(f.cli("stuck").json(), "stuck");
        assertEquals(2, stuck.size(), stuck.toString());
        JsonNode job = stuck.get(0).get("rule").asText().equals("stale-lock") ? stuck.get(0) : stuck.get(1);
        JsonNode queue = job == stuck.get(0) ? stuck.get(1) : stuck.get(0);
        assertEquals(String.valueOf(deadJob), job.get("id").asText());
        assertEquals("sync_crm", job.get("kind").asText());
        assertTrue(job.get("evidence").asText().startsWith("locked by " + DEAD + " for 5 h"), job.toString());
        assertEquals("queue-lock-stale", queue.get("rule").asText());
        assertEquals("crm", queue.get("id").asText());
        assertTrue(queue.get("evidence").asText().contains("none of its 1 waiting jobs can run"), queue.toString());
    }

    @Test
    void failedGroupsShowTheRealErrorAndShowHasTheJob() {
        JsonNode groups = only(f.cli("failed", "--group").json(), "groups");
        assertEquals(1, groups.size(), groups.toString());
        assertEquals(2, groups.get(0).get("count").asInt());
        assertEquals("Error: connect ECONNREFUSED 10.0.3.21:587", groups.get(0).get("sample").asText());

        JsonNode task = f.cli("show", "--profile", "graphile-worker", "--task", String.valueOf(retrying)).json().get("task");
        assertEquals("SCHEDULED", task.get("state").asText());
        assertEquals("waiting retry", task.get("rawState").asText());
        assertEquals("Error: sharp: Input buffer contains unsupported image format", task.get("error").asText());

        JsonNode spans = f.cli("timeline", "--profile", "graphile-worker", "--pipeline", "digest:42").json().get("spans");
        assertEquals(1, spans.size(), "the job_key is the correlation key");
        assertEquals("send_email", spans.get(0).get("kind").asText());
    }

    @Test
    void retryIsRescheduleJobsAndTheNextFetchTakesIt() throws SQLException {
        ActionFixture.Run live = act("retry", "--task", String.valueOf(running), "--yes");
        assertEquals(3, live.exitCode(), live.out());
        assertTrue(live.json().get("skipped").get(0).get("reason").asText().contains(LIVE));

        ActionFixture.Run retry = act("retry", "--state", "FAILED", "--yes");
        assertEquals(0, retry.exitCode(), retry.err());
        assertEquals(2, retry.json().get("applied").asInt());
        assertEquals("0", f.value("SELECT attempts FROM graphile_worker._private_jobs WHERE id = " + failedA));
        assertEquals("4", only(f.cli("status").json(), "counts").path("QUEUED").asText(),
                "both failed jobs are ready again, beside the ready one and the one behind the crm lock");
        f.db.execute("DELETE FROM graphile_worker._private_jobs WHERE id = " + ready);
        try (Connection c = f.db.dataSource().getConnection()) {
            Long next = GraphileWorkerSql.getJob(c, "worker-next0000001", Instant.now());
            assertTrue(next == failedA || next == failedB, "Graphile's own fetch takes a retried job: " + next);
        }
    }

    @Test
    void permanentlyFailAndDeleteGoThroughTheAdminFunctions() {
        ActionFixture.Run fail = act("permanently-fail", "--task", String.valueOf(ready), "--param", "message=bad payload", "--yes");
        assertEquals(0, fail.exitCode(), fail.err());
        assertEquals("bad payload", f.value("SELECT last_error FROM graphile_worker._private_jobs WHERE id = " + ready));
        assertEquals("t", f.value("SELECT attempts = max_attempts FROM graphile_worker._private_jobs WHERE id = " + ready));
        assertEquals(3, act("permanently-fail", "--task", String.valueOf(ready), "--yes").exitCode(), "already failed");

        String before = f.snapshot("graphile_worker._private_jobs");
        assertEquals(3, act("delete", "--task", String.valueOf(running), "--yes").exitCode(), "a live pool holds it");
        assertEquals(before, f.snapshot("graphile_worker._private_jobs"), "a refusal changes nothing");
        ActionFixture.Run delete = act("delete", "--task", String.valueOf(ready), "--yes");
        assertEquals(0, delete.exitCode(), delete.err());
        assertNull(f.value("SELECT id FROM graphile_worker._private_jobs WHERE id = " + ready));
        assertEquals(1, Integer.parseInt(f.value("SELECT count(*) FROM pitwall.audit_log WHERE action = 'delete'")));
    }

    @Test
    void forceUnlockFreesTheDeadPoolsJobAndQueueButNotALiveOnes() throws SQLException {
        ActionFixture.Run live = act("force-unlock-worker", "--task", String.valueOf(running), "--yes");
        assertEquals(3, live.exitCode(), live.out());

        ActionFixture.Run unlock = act("force-unlock-worker", "--stuck", "--yes");
        assertEquals(0, unlock.exitCode(), unlock.err());
        assertEquals(1, unlock.json().get("applied").asInt());
        assertNull(f.value("SELECT locked_by FROM graphile_worker._private_jobs WHERE id = " + deadJob));
        assertNull(f.value("SELECT locked_by FROM graphile_worker._private_job_queues WHERE queue_name = 'crm'"));
        assertEquals(LIVE, f.value("SELECT locked_by FROM graphile_worker._private_jobs WHERE id = " + running));
        assertEquals(0, only(f.cli("stuck").json(), "stuck").size());
        try (Connection c = f.db.dataSource().getConnection()) {
            f.db.execute("UPDATE graphile_worker._private_jobs SET priority = 5 WHERE id <> " + deadJob);
            assertEquals(deadJob, GraphileWorkerSql.getJob(c, "worker-next0000001", Instant.now()),
                    "the freed job runs again, and its queue is locked by the new pool");
            assertEquals("worker-next0000001",
                    f.value("SELECT locked_by FROM graphile_worker._private_job_queues WHERE queue_name = 'crm'"));
        }
    }

    @Test
    void unlockQueueRefusesALiveLockAndFreesADeadOne() throws SQLException {
        try (Connection c = f.db.dataSource().getConnection()) {
            long billing = add("sync_crm", "'billing'");
            f.db.execute("UPDATE graphile_worker._private_jobs SET priority = -1 WHERE id = " + billing);
            assertEquals(billing, GraphileWorkerSql.getJob(c, LIVE, Instant.now()));
        }
        assertEquals(3, act("unlock-queue", "--task", "billing", "--yes").exitCode(), "the live pool's queue");
        ActionFixture.Run crm = act("unlock-queue", "--task", "crm", "--yes");
        assertEquals(0, crm.exitCode(), crm.err());
        assertNull(f.value("SELECT locked_at FROM graphile_worker._private_job_queues WHERE queue_name = 'crm'"));
        assertNotNull(f.value("SELECT locked_at FROM graphile_worker._private_job_queues WHERE queue_name = 'billing'"));
    }
}
