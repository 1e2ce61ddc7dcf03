package io.pitwall.systems;

import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every good-job action does what the GoodJob dashboard (app/models/good_job/job.rb retry_job, discard_job,
 * reschedule_job, destroy_job; setting.rb pause/unpause; process.rb cleanup; v4.19.2 commit 81db22b7) does, refuses
 * what it refuses (ActionForStateMismatchError, a job whose advisory lock a worker holds), and leaves the jobs so
 * that GoodJob's own next claim works.
 */
class GoodJobActionsTest {

    private GoodJobFixture gj;

    @BeforeEach
    void seed() {
        gj = new GoodJobFixture();
    }

    @AfterEach
    void close() throws SQLException {
        gj.close();
    }

    private String column(String column, String job) {
        return gj.f.value("SELECT " + column + " FROM good_job.good_jobs WHERE id = '" + gj.id(job) + "'");
    }

    /** Finishes other due jobs, so GoodJob's next claim can only take the job a test expects. */
    private void finishOthers(String... names) {
        for (String name : names) {
            gj.f.db.execute("UPDATE good_job.good_jobs SET finished_at = now() WHERE id = '" + gj.id(name) + "'");
        }
    }

    private String claim() {
        try (Connection c = gj.f.db.dataSource().getConnection()) {
            return gj.gj.claim(c, gj.liveProcess);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void retryEnqueuesADiscardedJobAgainAndGoodJobRunsIt() {
        ActionFixture.Run refused = gj.act("retry", "--task", gj.id("queued"), "--yes");
        assertEquals(3, refused.exitCode());
        assertTrue(refused.json().get("skipped").get(0).get("reason").asText().contains("only discarded jobs"), refused.out());

        ActionFixture.Run retry = gj.act("retry", "--task", gj.id("discarded"), "--yes");
        assertEquals(0, retry.exitCode(), retry.err());
        assertNull(column("finished_at", "discarded"));
        assertEquals("1", column("serialized_params->>'executions'", "discarded"));
        assertEquals("3", column("error_event", "discarded"), "error_event retried, as GoodJob records it");
        assertEquals("PAUSED", gj.f.cli("show", "--profile", "good-job", "--task", gj.id("discarded")).json().get("task")
                .get("state").asText(), "due again, in the paused mailers queue");
        assertEquals(0, gj.act("resume-queue", "--task", "mailers", "--yes").exitCode());
        finishOthers("queued", "interrupted", "paused");
        assertEquals(gj.id("discarded"), claim(), "GoodJob's skiplocked claim takes the retried job");

        ActionFixture.Run undo = gj.f.cli("act", "undo", "--audit-id", retry.json().get("auditId").asText(), "--yes", "--reason", "r");
        assertEquals(3, undo.exitCode(), "the job moved on (claimed and running): undo refuses it: " + undo.out());
    }

    @Test
    void retryAndDiscardRefuseAJobWhoseAdvisoryLockAWorkerHolds() {
        ActionFixture.Run discard = gj.act("discard", "--task", gj.id("advisoryRunning"), "--yes");
        assertEquals(3, discard.exitCode(), discard.out());
        assertTrue(discard.json().get("skipped").get(0).get("reason").asText().contains("holds the job's advisory lock"), discard.out());
        assertEquals(3, gj.act("discard", "--task", gj.id("running"), "--yes").exitCode(), "locked by an active process");
        assertEquals(3, gj.act("discard", "--task", gj.id("succeeded"), "--yes").exitCode(), "finished");
    }

    @Test
    void discardFinishesAJobWithGoodJobsDiscardErrorAndUndoPutsItBack() {
        String before = gj.f.snapshot("good_job.good_jobs");
        ActionFixture.Run discard = gj.act("discard", "--task", gj.id("scheduled"), "--param", "message=duplicate report", "--yes");
        assertEquals(0, discard.exitCode(), discard.err());
        assertEquals("GoodJob::Job::DiscardJobError: duplicate report", column("error", "scheduled"));
        assertEquals("5", column("error_event", "scheduled"));
        assertEquals("FAILED", gj.f.cli("show", "--profile", "good-job", "--task", gj.id("scheduled")).json().get("task")
                .get("state").asText());
        ActionFixture.Run undo = gj.f.cli("act", "undo", "--audit-id", discard.json().get("auditId").asText(), "--yes", "--reason", "r");
        assertEquals(0, undo.exitCode(), undo.err());
        assertEquals(before, gj.f.snapshot("good_job.good_jobs"));
    }

    @Test
    void rescheduleMakesAScheduledJobDueNow() {
        assertEquals(3, gj.act("reschedule", "--task", gj.id("succeeded"), "--yes").exitCode());
        ActionFixture.Run reschedule = gj.act("reschedule", "--task", gj.id("scheduled"), "--yes");
        assertEquals(0, reschedule.exitCode(), reschedule.err());
        finishOthers("queued", "interrupted");
        assertEquals(gj.id("scheduled"), claim());
    }

    @Test
    void destroyDeletesAFinishedJobWithItsExecutions() {
        assertEquals(3, gj.act("destroy", "--task", gj.id("queued"), "--yes").exitCode(), "unfinished");
        ActionFixture.Run destroy = gj.act("destroy", "--task", gj.id("discarded"), "--yes");
        assertEquals(0, destroy.exitCode(), destroy.err());
        assertNull(column("id", "discarded"));
        assertEquals("0", gj.f.value("SELECT count(*) FROM good_job.good_job_executions WHERE active_job_id = '" + gj.id("discarded") + "'"));
        assertEquals("1", gj.f.value("SELECT count(*) FROM good_job.good_jobs WHERE error IS NOT NULL AND finished_at IS NOT NULL"));
    }

    @Test
    void unlockFreesADeadProcesssJobsAsGoodJobsCleanupDoes() {
        ActionFixture.Run live = gj.act("unlock", "--task", gj.id("running"), "--yes");
        assertEquals(3, live.exitCode());
        assertTrue(live.json().get("skipped").get(0).get("reason").asText().contains("app-3:7303, an active GoodJob process"));
        assertEquals(3, gj.act("unlock", "--task", gj.id("advisoryRunning"), "--yes").exitCode(), "its advisory lock is held");

        ActionFixture.Run unlock = gj.act("unlock", "--stuck", "--yes");
        assertEquals(0, unlock.exitCode(), unlock.err());
        assertEquals(2, unlock.json().get("applied").asInt(), unlock.out());
        assertNull(column("locked_by_id", "staleLock"));
        assertNull(column("locked_by_id", "advisoryDied"));
        finishOthers("queued", "interrupted");
        String first = claim();
        String second = claim();
        assertEquals(java.util.Set.of(gj.id("staleLock"), gj.id("advisoryDied")), java.util.Set.of(first, second),
                "GoodJob's claim takes the unlocked jobs again");
    }

    @Test
    void pauseAndResumeQueuesAndJobClassesInGoodJobSettings() {
        assertEquals(3, gj.act("pause-queue", "--task", "mailers", "--yes").exitCode(), "already paused");
        assertEquals(3, gj.act("pause-queue", "--task", "nosuch", "--yes").exitCode(), "no job has that queue");
        assertEquals(3, gj.act("resume-queue", "--task", "default", "--yes").exitCode(), "not paused");

        ActionFixture.Run pause = gj.act("pause-queue", "--task", "default", "--yes");
        assertEquals(0, pause.exitCode(), pause.err());
        assertEquals("[\"default\", \"mailers\"]", gj.f.value("SELECT value->'queues' FROM good_job.good_job_settings WHERE key = 'pauses'"));
        finishOthers("interrupted");
        assertNull(claim(), "GoodJob's claim skips both paused queues");
        assertEquals("PAUSED", gj.f.cli("show", "--profile", "good-job", "--task", gj.id("queued")).json().get("task")
                .get("state").asText());

        assertEquals(0, gj.act("resume-queue", "--task", "default", "--task", "mailers", "--yes").exitCode());
        assertEquals("[]", gj.f.value("SELECT value->'queues' FROM good_job.good_job_settings WHERE key = 'pauses'"));
        finishOthers("interrupted", "paused");
        assertEquals(gj.id("queued"), claim());

        ActionFixture.Run pauseClass = gj.act("pause-job-class", "--task", "ReportJob", "--yes");
        assertEquals(0, pauseClass.exitCode(), pauseClass.err());
        assertEquals("[\"ReportJob\"]", gj.f.value("SELECT value->'job_classes' FROM good_job.good_job_settings WHERE key = 'pauses'"));
        assertEquals(0, gj.act("resume-job-class", "--task", "ReportJob", "--yes").exitCode());
        assertEquals("[]", gj.f.value("SELECT value->'job_classes' FROM good_job.good_job_settings WHERE key = 'pauses'"));
    }

    @Test
    void aFirstPauseCreatesTheSettingsRow() {
        gj.f.db.execute("DELETE FROM good_job.good_job_settings");
        ActionFixture.Run pause = gj.act("pause-queue", "--task", "default", "--yes");
        assertEquals(0, pause.exitCode(), pause.err());
        assertEquals("{\"labels\": [], \"queues\": [\"default\"], \"job_classes\": []}",
                gj.f.value("SELECT value FROM good_job.good_job_settings WHERE key = 'pauses'"));
    }
}
