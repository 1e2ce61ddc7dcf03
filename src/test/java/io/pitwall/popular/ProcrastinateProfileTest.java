package io.pitwall.popular;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in {@code procrastinate} profile on Procrastinate's real schema: procrastinate-org/procrastinate
 * f099a753, procrastinate/sql/schema.sql (demo/procrastinate.sql), jobs deferred, fetched, finished and retried
 * through its own functions (procrastinate_defer_jobs_v1, _fetch_job_v2, _finish_job_v1, _retry_job_v1,
 * _register_worker_v1, _update_heartbeat_v1), with a worker that stopped sending heartbeats.
 */
class ProcrastinateProfileTest {

    private ActionFixture f;

    private void defer(String queue, String task, String scheduledAt) {
        f.db.execute("SELECT procrastinate_defer_jobs_v1(ARRAY[ROW('" + queue + "', '" + task + "', 0, NULL, NULL, "
                + "'{\"n\": 1}'::jsonb, " + scheduledAt + ")::procrastinate_job_to_defer_v1])");
    }

    private void fetch(String queue, long worker) {
        f.db.execute("SELECT procrastinate_fetch_job_v2(ARRAY['" + queue + "']::varchar[], " + worker + ")");
    }

    @BeforeEach
    void seed() {
        f = new ActionFixture("procrastinate");
        f.db.execute("SELECT procrastinate_register_worker_v1(); SELECT procrastinate_register_worker_v1();");
        for (int i = 0; i < 5; i++) {
            defer("emails", "send_welcome", "NULL");
        }
        defer("reports", "build_report", "now() + interval '1 hour'");
        fetch("emails", 1);
        f.db.execute("SELECT procrastinate_finish_job_v1(1, 'succeeded', false)");
        fetch("emails", 1);
        f.db.execute("SELECT procrastinate_finish_job_v1(2, 'failed', false)");
        fetch("emails", 1);
        // A failed attempt that will run again: retry_job with a retry_at in the future.
        f.db.execute("SELECT procrastinate_retry_job_v1(3, now() + interval '5 minutes', NULL, NULL, NULL)");
        fetch("emails", 2);  // job 4 on worker 2, which dies
        f.db.execute("UPDATE procrastinate_workers SET last_heartbeat = now() - interval '10 minutes' WHERE id = 2");
        fetch("emails", 1);  // job 5 on worker 1, alive
        f.db.execute("SELECT procrastinate_update_heartbeat_v1(1)");
        defer("emails", "send_welcome", "NULL");
        f.db.execute("SELECT procrastinate_cancel_job_v1(7, false, false)");
        defer("emails", "send_welcome", "NULL");
    }

    private ActionFixture.Run act(String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "procrastinate", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    @Test
    void detectPicksProcrastinateAndNoOtherProfile() {
        JsonNode detect = f.cli("detect").json();
        List<String> found = new ArrayList<>();
        detect.get("profiles").forEach(p -> found.add(p.get("profile").asText() + "@" + p.get("where").asText()));
        assertEquals(List.of("procrastinate@public.procrastinate_jobs"), found, detect.toPrettyString());
    }

    @Test
    void countsEqualProcrastinatesCountJobsStatus() {
        // queries.sql count_jobs_status: SELECT status, count(*) FROM procrastinate_jobs GROUP BY status
        Map<String, Long> own = new TreeMap<>();
        for (String row : f.value("SELECT string_agg(status || '=' || n, ',') FROM (SELECT status, count(*) n FROM procrastinate_jobs GROUP BY status) c").split(",")) {
            String[] kv = row.split("=");
            own.put(kv[0], Long.parseLong(kv[1]));
        }
        JsonNode counts = f.cli("status", "--profile", "procrastinate").json().get("profiles").get(0).get("counts");
        assertEquals(own.get("todo"), counts.get("QUEUED").asLong() + counts.get("SCHEDULED").asLong(),
                "todo is queued, or scheduled while scheduled_at is ahead");
        assertEquals(own.get("doing"), counts.get("RUNNING").asLong());
        assertEquals(own.get("succeeded"), counts.get("SUCCEEDED").asLong());
        assertEquals(own.get("failed"), counts.get("FAILED").asLong());
        assertEquals(own.get("cancelled"), counts.get("CANCELLED").asLong());
        assertEquals(1, counts.get("QUEUED").asLong());
        assertEquals(2, counts.get("SCHEDULED").asLong(), "the report for later and job 3 waiting out its retry");
    }

    @Test
    void theStalledWorkersJobIsStuckWithEvidence() {
        JsonNode stuck = f.cli("stuck", "--profile", "procrastinate").json().get("profiles").get(0).get("stuck");
        assertEquals(1, stuck.size(), stuck.toPrettyString());
        assertEquals("4", stuck.get(0).get("id").asText());
        assertEquals("stalled-worker", stuck.get(0).get("rule").asText());
        assertTrue(stuck.get(0).get("evidence").asText().startsWith("running on worker 2, whose last heartbeat was 10 min ago"),
                stuck.get(0).get("evidence").asText());
        // Procrastinate's own query agrees.
        assertEquals("4", f.value("""
                WITH stalled_workers AS (SELECT id FROM procrastinate_workers WHERE last_heartbeat < NOW() - (30 || ' SECOND')::INTERVAL)
                SELECT string_agg(job.id::text, ',') FROM procrastinate_jobs job LEFT JOIN stalled_workers sw ON sw.id = job.worker_id
                 WHERE job.status = 'doing' AND (job.worker_id IS NULL OR sw.id IS NOT NULL)"""));
    }

    @Test
    void failedSaysThereIsNoErrorTextAndShowHasTheEvents() {
        JsonNode failed = f.cli("failed", "--profile", "procrastinate").json().get("profiles").get(0).get("failed");
        assertEquals(1, failed.size());
        assertTrue(failed.get(0).get("error").asText().contains("keeps no error text"), failed.toString());
        JsonNode task = f.cli("show", "--profile", "procrastinate", "--task", "3").json().get("task");
        List<String> events = new ArrayList<>();
        task.get("history").forEach(h -> events.add(h.get("rawState").asText()));
        assertEquals(List.of("deferred", "started", "deferred_for_retry", "scheduled"), events);
        assertEquals("todo (scheduled)", task.get("rawState").asText());
    }

    @Test
    void actionsGoThroughProcrastinatesFunctions() {
        assertEquals(3, act("retry", "--task", "5", "--yes").exitCode(), "doing");
        ActionFixture.Run retry = act("retry", "--yes");
        assertEquals(0, retry.exitCode(), retry.err());
        assertEquals("todo|2", f.value("SELECT status || '|' || attempts FROM procrastinate_jobs WHERE id = 2"));
        assertEquals("retried", f.value("SELECT type FROM procrastinate_events WHERE job_id = 2 ORDER BY id DESC LIMIT 1"));

        assertEquals(3, act("rescue", "--task", "5", "--yes").exitCode(), "worker 1 is alive");
        assertEquals(3, act("rescue", "--task", "4", "--param", "stalledWorkerTimeoutSeconds=5", "--yes").exitCode(), "floor");
        ActionFixture.Run rescue = act("rescue", "--stuck", "--yes");
        assertEquals(0, rescue.exitCode(), rescue.err());
        assertEquals("todo", f.value("SELECT status FROM procrastinate_jobs WHERE id = 4"));

        assertEquals(3, act("cancel", "--task", "5", "--yes").exitCode(), "doing: abort it");
        assertEquals(0, act("abort", "--task", "5", "--yes").exitCode());
        assertEquals("doing|true", f.value("SELECT status || '|' || abort_requested FROM procrastinate_jobs WHERE id = 5"));
        assertEquals(0, act("cancel", "--task", "8", "--yes").exitCode());
        assertEquals("cancelled", f.value("SELECT status FROM procrastinate_jobs WHERE id = 8"));
        assertEquals(3, act("delete", "--task", "8", "--yes").exitCode(), "cancelled: not todo");
        assertEquals(0, act("delete", "--task", "6", "--yes").exitCode());
        assertNull(f.value("SELECT id FROM procrastinate_jobs WHERE id = 6"));

        // The system stays consistent: its own fetch takes the rescued job (the retried one is due too).
        f.db.execute("UPDATE procrastinate_jobs SET scheduled_at = NULL WHERE id = 3");
        List<String> fetched = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fetched.add(f.value("SELECT (procrastinate_fetch_job_v2(ARRAY['emails']::varchar[], 1)).id"));
        }
        assertEquals(List.of("2", "3", "4"), fetched.stream().sorted().toList());
    }

    /** Procrastinate before 3.1: no procrastinate_workers, no worker_id; stalled means started long ago. */
    @Test
    void procrastinateBefore31IsReadWithTheStartedRule() {
        f.db.execute("""
                ALTER TABLE procrastinate_jobs DROP COLUMN worker_id;
                DROP FUNCTION procrastinate_fetch_job_v2, procrastinate_register_worker_v1, procrastinate_update_heartbeat_v1,
                              procrastinate_prune_stalled_workers_v1;
                DROP TABLE procrastinate_workers;
                UPDATE procrastinate_events SET at = now() - interval '45 minutes' WHERE job_id = 4 AND type = 'started';
                """);
        JsonNode detect = f.cli("detect").json();
        assertEquals("procrastinate", detect.get("profiles").get(0).get("profile").asText(), detect.toPrettyString());
        JsonNode stuck = f.cli("stuck", "--profile", "procrastinate").json().get("profiles").get(0).get("stuck");
        assertEquals(1, stuck.size(), stuck.toPrettyString());
        assertEquals("stalled-started", stuck.get(0).get("rule").asText());
        assertEquals("4", stuck.get(0).get("id").asText());
        ActionFixture.Run rescue = act("rescue", "--task", "4", "--yes");
        assertEquals(3, rescue.exitCode(), rescue.err());
        assertTrue(rescue.err().contains("worker_id"), rescue.err());
    }
}
