package io.pitwall.systems;

import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every solid-queue action does what Mission Control (rails/mission_control-jobs, lib/active_job/queue_adapters/
 * solid_queue_ext.rb) or Solid Queue itself (app/models/solid_queue/, commit 29e818d9) does, refuses what they
 * refuse, and leaves the execution tables so that Solid Queue's own next claim works.
 */
class SolidQueueActionsTest {

    private static final String S = "solid_queue.solid_queue_";
    private SolidQueueFixture sq;

    @BeforeEach
    void seed() {
        sq = new SolidQueueFixture();
    }

    private String where(String table, String job) {
        return sq.f.value("SELECT count(*) FROM " + S + table + " WHERE job_id = " + sq.id(job));
    }

    private String executions(String job) {
        return sq.f.value("SELECT concat_ws(',', (SELECT 'ready' FROM " + S + "ready_executions WHERE job_id = j.id),"
                + " (SELECT 'claimed' FROM " + S + "claimed_executions WHERE job_id = j.id),"
                + " (SELECT 'failed' FROM " + S + "failed_executions WHERE job_id = j.id),"
                + " (SELECT 'scheduled' FROM " + S + "scheduled_executions WHERE job_id = j.id),"
                + " (SELECT 'blocked' FROM " + S + "blocked_executions WHERE job_id = j.id)) FROM " + S + "jobs j WHERE j.id = "
                + sq.id(job));
    }

    @Test
    void retryMovesAFailedJobBackToReadyAndSolidQueueClaimsIt() {
        ActionFixture.Run refused = sq.act("retry", "--task", sq.id("ready"), "--yes");
        assertEquals(3, refused.exitCode(), refused.out());
        assertTrue(refused.json().get("skipped").get(0).get("reason").asText().contains("only failed jobs"));

        String before = sq.f.snapshot(S + "failed_executions");
        assertEquals(0, sq.act("retry", "--task", sq.id("failed"), "--dry-run").exitCode());
        assertEquals(before, sq.f.snapshot(S + "failed_executions"), "a dry run changes nothing");

        ActionFixture.Run retry = sq.act("retry", "--task", sq.id("failed"), "--yes");
        assertEquals(0, retry.exitCode(), retry.err());
        assertEquals(1, retry.json().get("applied").asInt());
        assertEquals("ready", executions("failed"));
        assertEquals("0", sq.f.value("SELECT arguments::jsonb->>'executions' FROM " + S + "jobs WHERE id = " + sq.id("failed")));
        assertEquals("[{\"job\": " + sq.id("failed") + ", \"now\": \"ready\"}]",
                sq.f.value("SELECT result::text FROM pitwall.audit_log WHERE id = " + retry.json().get("auditId").asText()));
        // The mailers queue is paused: resume it, and Solid Queue's own claim takes the retried job.
        assertEquals(0, sq.act("resume-queue", "--task", "mailers", "--yes").exitCode());
        List<Long> claimed = sq.claim(sq.liveWorker, 10);
        assertTrue(claimed.contains(sq.jobs.get("failed")), "claimed " + claimed);
        assertEquals("claimed", executions("failed"));
    }

    @Test
    void retryingAConcurrencyLimitedJobLeavesItToTheSemaphore() {
        sq.f.db.execute("UPDATE " + S + "jobs SET concurrency_key = 'UserMailerJob/42' WHERE id = " + sq.id("failed2"));
        ActionFixture.Run retry = sq.act("retry", "--task", sq.id("failed2"), "--yes");
        assertEquals(0, retry.exitCode(), retry.err());
        assertEquals("blocked", executions("failed2"));
        assertEquals("t", sq.f.value("SELECT expires_at <= now() AT TIME ZONE 'UTC' FROM " + S
                + "blocked_executions WHERE job_id = " + sq.id("failed2")), "expired: the dispatcher releases it at once");
    }

    @Test
    void retryWaitsForAWorkerHoldingTheFailedExecutionAndSkipsTheJob() throws Exception {
        try (Connection worker = sq.f.db.dataSource().getConnection(); Statement s = worker.createStatement()) {
            worker.setAutoCommit(false);
            s.execute("SELECT 1 FROM " + S + "failed_executions WHERE job_id = " + sq.id("failed") + " FOR UPDATE");
            ActionFixture.Run retry = sq.act("retry", "--task", sq.id("failed"), "--task", sq.id("failed2"), "--yes");
            worker.rollback();
            assertEquals(0, retry.json().get("applied").asInt(), retry.out());
            assertTrue(retry.json().get("skipped").toString().contains("this batch was rolled back"), retry.out());
        }
        assertEquals("failed", executions("failed"), "the locked execution row was not touched");
        assertEquals("failed", executions("failed2"), "the batch was rolled back whole");
    }

    @Test
    void discardRefusesWhatSolidQueueRefusesAndDeletesTheRest() {
        ActionFixture.Run running = sq.act("discard", "--task", sq.id("running"), "--yes");
        assertEquals(3, running.exitCode());
        assertTrue(running.json().get("skipped").get(0).get("reason").asText()
                .startsWith("Can't discard a job in progress (Solid Queue's own refusal): claimed by app-1:4101"), running.out());
        assertEquals(3, sq.act("discard", "--task", sq.id("finished"), "--yes").exitCode());
        sq.f.db.execute("UPDATE " + S + "jobs SET concurrency_key = 'ReportJob/1' WHERE id = " + sq.id("ready"));
        assertTrue(sq.act("discard", "--task", sq.id("ready"), "--yes").json().get("skipped").get(0).get("reason").asText()
                .contains("semaphore"));

        ActionFixture.Run discard = sq.act("discard", "--task", sq.id("scheduled"), "--task", sq.id("blocked"),
                "--task", sq.id("failed"), "--yes");
        assertEquals(0, discard.exitCode(), discard.err());
        assertEquals(3, discard.json().get("applied").asInt());
        assertEquals("0", sq.f.value("SELECT count(*) FROM " + S + "jobs WHERE id IN (" + sq.id("scheduled") + ", "
                + sq.id("blocked") + ", " + sq.id("failed") + ")"));
        assertEquals("0", where("scheduled_executions", "scheduled"));
        assertEquals("0", where("blocked_executions", "blocked"));
        assertEquals("0", where("failed_executions", "failed"));
        assertEquals("1", sq.f.value("SELECT count(*) FROM " + S + "failed_executions"), "the other failed job stays");
    }

    @Test
    void dispatchMakesAScheduledJobDueAndABlockedOneReady() {
        assertEquals(3, sq.act("dispatch", "--task", sq.id("ready"), "--yes").exitCode(), "already ready");
        ActionFixture.Run dispatch = sq.act("dispatch", "--task", sq.id("scheduled"), "--task", sq.id("blocked"), "--yes");
        assertEquals(0, dispatch.exitCode(), dispatch.err());
        assertEquals(2, dispatch.json().get("applied").asInt());
        assertEquals("ready", executions("blocked"));
        try (Connection c = sq.f.db.dataSource().getConnection()) {
            assertEquals(1, sq.sq.dispatchScheduled(c, 10), "Solid Queue's dispatcher moves the scheduled job now");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals("ready", executions("scheduled"));
        assertEquals("scheduled", executions("retry"), "the retry that is not yet due stays scheduled");
    }

    @Test
    void releaseGivesADeadProcesssClaimsBackAndRefusesALiveOnes() {
        ActionFixture.Run live = sq.act("release", "--task", sq.id("running"), "--yes");
        assertEquals(3, live.exitCode());
        assertTrue(live.json().get("skipped").get(0).get("reason").asText().contains("app-1:4101, which is alive"), live.out());

        ActionFixture.Run release = sq.act("release", "--stuck", "--yes");
        assertEquals(0, release.exitCode(), release.err());
        assertEquals(2, release.json().get("applied").asInt(), release.out());
        assertEquals("ready", executions("deadHeartbeat"));
        assertEquals("ready", executions("orphaned"));
        assertEquals("claimed", executions("running"));
        assertEquals("0", sq.f.value("SELECT count(*) FROM pitwall.audit_log WHERE action = 'release' AND skipped > 0"));
        List<Long> claimed = sq.claim(sq.liveWorker, 10);
        assertTrue(claimed.containsAll(List.of(sq.jobs.get("deadHeartbeat"), sq.jobs.get("orphaned"))), "claimed " + claimed);
        assertEquals(0, sq.f.cli("stuck", "--profile", "solid-queue").json().get("profiles").get(0).get("stuck").size());
    }

    @Test
    void pauseAndResumeActOnQueuesThroughSolidQueuePauses() {
        assertEquals(3, sq.act("pause-queue", "--task", "mailers", "--yes").exitCode(), "already paused");
        assertEquals(3, sq.act("pause-queue", "--task", "mailer", "--yes").exitCode(), "a typo names no queue");
        assertEquals(3, sq.act("resume-queue", "--task", "default", "--yes").exitCode(), "not paused");
        assertEquals(2, sq.act("pause-queue", "--yes").exitCode(), "a queue action needs the queue named");
        assertEquals(2, sq.act("pause-queue", "--task", "default", "--stuck", "--yes").exitCode());

        ActionFixture.Run pause = sq.act("pause-queue", "--task", "default", "--yes");
        assertEquals(0, pause.exitCode(), pause.err());
        assertEquals(1, pause.json().get("applied").asInt());
        assertEquals("[{\"id\": \"default\", \"after\": {\"queue\": \"default\", \"state\": \"paused\"}, \"before\": {\"queue\": "
                        + "\"default\", \"state\": \"active\"}}]",
                sq.f.value("SELECT rows::text FROM pitwall.audit_log WHERE id = " + pause.json().get("auditId").asText()));
        assertEquals(List.of(), sq.claim(sq.liveWorker, 10), "no queue left to claim from");
        assertEquals("PAUSED", sq.f.cli("show", "--profile", "solid-queue", "--task", sq.id("ready")).json().get("task")
                .get("state").asText());

        ActionFixture.Run resume = sq.act("resume-queue", "--task", "default", "--task", "mailers", "--yes");
        assertEquals(0, resume.exitCode(), resume.err());
        assertEquals(2, resume.json().get("applied").asInt());
        assertEquals("0", sq.f.value("SELECT count(*) FROM " + S + "pauses"));
        assertEquals(List.of(sq.jobs.get("ready"), sq.jobs.get("paused")), sq.claim(sq.liveWorker, 10));
        assertNull(sq.f.value("SELECT queue_name FROM " + S + "pauses"));
    }
}
