package io.pitwall.popular;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in {@code river} profile on River's real schema: riverqueue/river fdf6cdf1,
 * riverdriver/riverpgxv5/migration/main/002…007 (demo/river.sql), jobs written by River's own statements
 * ({@link RiverClient}: internal/dbsqlc/river_job.sql), in every state, with a client that died mid-job.
 */
class RiverProfileTest {

    private ActionFixture f;
    private RiverClient river;

    @BeforeEach
    void seed() {
        f = new ActionFixture("river");
        river = new RiverClient(f.db, "river");
        river.startQueue("default");
        river.startQueue("mailers");
        for (int i = 0; i < 6; i++) {
            river.insert("send_email", "mailers", "{\"to\": \"u" + i + "@example.com\"}", "available", "0 s");
        }
        river.insert("sort", "default", "{\"strings\": [\"b\", \"a\"]}", "scheduled", "1 hour");
        river.insert("sort", "default", "{}", "pending", "0 s");
        for (int i = 0; i < 3; i++) {
            river.claim("mailers", "client-a");
        }
        river.complete(1);
        river.fail(2, "smtp: 421 4.7.0 Try again later");
        // Job 3 runs out of attempts: River discards it with its third error.
        f.db.execute("UPDATE river.river_job SET max_attempts = 1 WHERE id = 3");
        river.fail(3, "template \"welcome\" not found");
        // A client that died mid-job two hours ago: its job is still running.
        river.claim("mailers", "client-dead");
        f.db.execute("UPDATE river.river_job SET attempted_at = now() - interval '2 hours' WHERE id = 4");
        // A live client's job, claimed just now.
        river.claim("mailers", "client-a");
        f.db.execute("UPDATE river.river_job SET state = 'cancelled', finalized_at = now() WHERE id = 6");
        river.elect("client-a");
        river.insert("send_email", "mailers", "{\"to\": \"late@example.com\"}", "available", "0 s");
    }

    private ActionFixture.Run act(String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "river", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    @Test
    void detectPicksRiverAndNoOtherProfile() {
        JsonNode detect = f.cli("detect").json();
        List<String> found = new ArrayList<>();
        detect.get("profiles").forEach(p -> found.add(p.get("profile").asText() + "@" + p.get("where").asText()));
        assertEquals(List.of("river@river.river_job"), found);
        assertEquals(0, detect.path("problems").size(), detect.toPrettyString());
    }

    @Test
    void countsEqualRiversOwnCountQuery() {
        // JobCountByAllStates, mapped through the profile's canonical states.
        Map<String, Long> own = new TreeMap<>();
        Map<String, String> canonical = Map.of("available", "QUEUED", "pending", "SCHEDULED", "scheduled", "SCHEDULED",
                "retryable", "SCHEDULED", "running", "RUNNING", "completed", "SUCCEEDED", "discarded", "FAILED",
                "cancelled", "CANCELLED");
        for (String row : f.value("SELECT string_agg(state || '=' || n, ',') FROM (SELECT state, count(*) n FROM river.river_job GROUP BY state) c").split(",")) {
            String[] kv = row.split("=");
            own.merge(canonical.get(kv[0]), Long.parseLong(kv[1]), Long::sum);
        }
        ActionFixture.Run run = f.cli("status", "--profile", "river");
        JsonNode status = run.json().get("profiles").get(0);
        Map<String, Long> ours = new TreeMap<>();
        status.get("counts").properties().forEach(e -> {
            if (e.getValue().asLong() > 0) {
                ours.put(e.getKey(), e.getValue().asLong());
            }
        });
        assertEquals(own, ours);
        assertEquals(Map.of("CANCELLED", 1L, "FAILED", 1L, "QUEUED", 1L, "RUNNING", 2L, "SCHEDULED", 3L, "SUCCEEDED", 1L), ours);
    }

    @Test
    void theDeadClientsJobIsStuckWithEvidenceAndTheLeaderIsWatched() {
        JsonNode stuck = f.cli("stuck", "--profile", "river").json().get("profiles").get(0).get("stuck");
        assertEquals(1, stuck.size(), stuck.toPrettyString());
        assertEquals("4", stuck.get(0).get("id").asText());
        assertEquals("rescue-due", stuck.get(0).get("rule").asText());
        assertTrue(stuck.get(0).get("evidence").asText().startsWith("running on client-dead for 2 h"),
                stuck.get(0).get("evidence").asText());

        // The leader's lease lapses and no client renews or replaces it.
        f.db.execute("UPDATE river.river_leader SET expires_at = now() - interval '5 minutes'");
        JsonNode expired = f.cli("stuck", "--profile", "river").json().get("profiles").get(0).get("stuck");
        assertEquals(List.of("4:rescue-due", "default:leader-expired"), ids(expired));
        // No leader at all, and a retryable job overdue for the scheduler.
        f.db.execute("DELETE FROM river.river_leader; UPDATE river.river_job SET scheduled_at = now() - interval '10 minutes' WHERE id = 2");
        JsonNode none = f.cli("stuck", "--profile", "river").json().get("profiles").get(0).get("stuck");
        assertEquals(List.of("4:rescue-due", "default:no-leader"), ids(none));
        assertTrue(none.get(1).get("evidence").asText().contains("job 2 (send_email, retryable) has been due for 10 min"),
                none.get(1).get("evidence").asText());
    }

    private static List<String> ids(JsonNode stuck) {
        List<String> ids = new ArrayList<>();
        stuck.forEach(s -> ids.add(s.get("id").asText() + ":" + s.get("rule").asText()));
        return ids.stream().sorted().toList();
    }

    @Test
    void failedShowsTheLatestErrorAndShowTheAttemptHistory() {
        JsonNode failed = f.cli("failed", "--profile", "river", "--group").json().get("profiles").get(0);
        JsonNode group = failed.get("groups").get(0);
        assertEquals(1, failed.get("groups").size());
        assertEquals("template \"welcome\" not found", group.get("sample").asText());

        // A second failure of job 2: the latest error is shown, the array is its history.
        river.schedule();
        f.db.execute("UPDATE river.river_job SET scheduled_at = now() - interval '1 second' WHERE id = 2");
        river.schedule();
        river.claim("mailers", "client-b");
        long reclaimed = Long.parseLong(f.value("SELECT id FROM river.river_job WHERE attempted_by[cardinality(attempted_by)] = 'client-b'"));
        assertEquals(2, reclaimed, "job 2 was due first");
        river.fail(2, "smtp: connection reset by peer");
        JsonNode task = f.cli("show", "--profile", "river", "--task", "2").json().get("task");
        assertEquals("retryable", task.get("rawState").asText());
        assertEquals("SCHEDULED", task.get("state").asText());
        assertEquals("smtp: connection reset by peer", task.get("error").asText());
        JsonNode history = task.get("history");
        assertEquals(2, history.size(), history.toPrettyString());
        assertEquals("smtp: 421 4.7.0 Try again later", history.get(0).get("detail").asText());
        assertEquals("smtp: connection reset by peer", history.get(1).get("detail").asText());
        assertEquals("FAILED", history.get(1).get("state").asText());
    }

    @Test
    void retryCancelDeleteDoWhatRiversJobQueriesDo() {
        ActionFixture.Run running = act("retry", "--task", "5", "--yes");
        assertEquals(3, running.exitCode(), running.out());
        assertTrue(running.json().get("skipped").get(0).get("reason").asText().contains("client-a"));

        ActionFixture.Run retry = act("retry", "--state", "FAILED", "--yes");
        assertEquals(0, retry.exitCode(), retry.err());
        assertEquals(1, retry.json().get("applied").asInt());
        assertEquals("available|2|null", f.value("SELECT state || '|' || max_attempts || '|' || coalesce(finalized_at::text, 'null') FROM river.river_job WHERE id = 3"),
                "JobRetry gives a discarded job one more attempt");
        assertEquals(0, f.cli("act", "undo", "--audit-id", retry.json().get("auditId").asText(), "--yes", "--reason", "r").exitCode());
        assertEquals("discarded", f.value("SELECT state FROM river.river_job WHERE id = 3"));

        assertEquals(3, act("delete", "--task", "5", "--yes").exitCode(), "a running job is not deleted");
        ActionFixture.Run delete = act("delete", "--task", "6", "--yes");
        assertEquals(0, delete.exitCode(), delete.err());
        assertNull(f.value("SELECT id FROM river.river_job WHERE id = 6"));

        assertEquals(3, act("cancel", "--task", "1", "--yes").exitCode(), "a completed job cannot be cancelled");
        ActionFixture.Run cancelQueued = act("cancel", "--task", "7", "--yes");
        assertEquals(0, cancelQueued.exitCode(), cancelQueued.err());
        assertEquals("cancelled", f.value("SELECT state FROM river.river_job WHERE id = 7"));
        assertNotNull(f.value("SELECT finalized_at FROM river.river_job WHERE id = 7"));
    }

    @Test
    void cancellingARunningJobTellsItsClientOverRiverControl() throws Exception {
        try (Connection listener = f.db.dataSource().getConnection(); Statement s = listener.createStatement()) {
            s.execute("LISTEN \"river.river_control\"");
            ActionFixture.Run cancel = act("cancel", "--task", "5", "--yes");
            assertEquals(0, cancel.exitCode(), cancel.err());
            assertEquals("running", f.value("SELECT state FROM river.river_job WHERE id = 5"), "its client cancels it");
            assertNotNull(f.value("SELECT metadata->>'cancel_attempted_at' FROM river.river_job WHERE id = 5"));
            var notes = listener.unwrap(PGConnection.class).getNotifications(2000);
            assertNotNull(notes);
            assertEquals("{\"action\" : \"cancel\", \"job_id\" : 5, \"queue\" : \"mailers\"}", notes[0].getParameter());
        }
        // When the worker returns an error, JobSetStateIfRunningMany sees cancel_attempted_at and cancels the job.
        f.db.execute("""
                UPDATE river.river_job SET state = CASE WHEN state = 'running' AND metadata ? 'cancel_attempted_at'
                    THEN 'cancelled'::river.river_job_state ELSE 'retryable' END, finalized_at = now() WHERE id = 5""");
        assertEquals("cancelled", f.value("SELECT state FROM river.river_job WHERE id = 5"));
    }

    @Test
    void rescueDoesWhatTheJobRescuerDoesAndTheJobRunsAgain() {
        ActionFixture.Run live = act("rescue", "--task", "5", "--yes");
        assertEquals(3, live.exitCode(), "a job claimed just now may have a live client");
        assertEquals(3, act("rescue", "--task", "4", "--param", "rescueAfterMinutes=1", "--yes").exitCode(),
                "below the floor");
        ActionFixture.Run rescue = act("rescue", "--stuck", "--yes");
        assertEquals(0, rescue.exitCode(), rescue.err());
        assertEquals(1, rescue.json().get("applied").asInt());
        assertEquals("retryable|Stuck job rescued by JobRescuer|1", f.value(
                "SELECT state || '|' || (errors[cardinality(errors)]->>'error') || '|' || (metadata->>'river:rescue_count') FROM river.river_job WHERE id = 4"));
        assertEquals(0, f.cli("stuck", "--profile", "river").json().get("profiles").get(0).get("stuck").size());
        // The leader's scheduler makes it available once due, and River's own claim takes it.
        f.db.execute("UPDATE river.river_job SET scheduled_at = now() - interval '1 second' WHERE id = 4");
        river.schedule();
        f.db.execute("UPDATE river.river_job SET state = 'completed', finalized_at = now() WHERE state = 'available' AND id <> 4");
        river.claim("mailers", "client-b");
        assertEquals("running|2|client-b", f.value(
                "SELECT state || '|' || attempt || '|' || attempted_by[cardinality(attempted_by)] FROM river.river_job WHERE id = 4"));
    }

    @Test
    void pauseAndResumeAQueueAsQueuePauseDoes() throws Exception {
        assertEquals(2, act("pause-queue", "--yes").exitCode(), "names its queue");
        try (Connection listener = f.db.dataSource().getConnection(); Statement s = listener.createStatement()) {
            s.execute("LISTEN \"river.river_control\"");
            ActionFixture.Run pause = act("pause-queue", "--queue", "mailers", "--yes");
            assertEquals(0, pause.exitCode(), pause.err());
            assertNotNull(f.value("SELECT paused_at FROM river.river_queue WHERE name = 'mailers'"));
            assertNull(f.value("SELECT paused_at FROM river.river_queue WHERE name = 'default'"));
            var notes = listener.unwrap(PGConnection.class).getNotifications(2000);
            assertEquals("{\"action\" : \"pause\", \"queue\" : \"mailers\"}", notes[0].getParameter());
        }
        assertEquals(3, act("pause-queue", "--queue", "mailers", "--yes").exitCode(), "already paused");
        assertEquals(3, act("resume-queue", "--queue", "default", "--yes").exitCode(), "not paused");
        ActionFixture.Run nowhere = act("pause-queue", "--queue", "nobody-started-it", "--yes");
        assertEquals(3, nowhere.exitCode(), "River's QueuePause finds no row either: " + nowhere.out());
        assertEquals(0, act("resume-queue", "--queue", "mailers", "--yes").exitCode());
        assertNull(f.value("SELECT paused_at FROM river.river_queue WHERE name = 'mailers'"));
    }

    @Test
    void tasksOfOneQueueAreSelectedWithQueue() {
        ActionFixture.Run cancel = act("cancel", "--queue", "default", "--dry-run");
        assertEquals(0, cancel.exitCode(), cancel.err() + cancel.out());
        assertEquals(2, cancel.json().get("matched").asInt(), "the scheduled and the pending sort jobs");
        ActionFixture.Run mailers = act("cancel", "--queue", "mailers", "--state", "QUEUED", "--dry-run");
        assertEquals(1, mailers.json().get("matched").asInt());
    }

    /** River before migration 004 (0.0.x-0.4): no river_queue, no 'pending' state. */
    @Test
    void riverBeforeMigration004IsReadAndItsQueuesCannotBePaused() {
        ActionFixture old = new ActionFixture("river");
        old.db.execute("DROP SCHEMA river CASCADE; CREATE SCHEMA river;");
        old.db.execute("""
                -- migration 002_initial_schema + 003_river_job_tags_non_null (riverqueue/river fdf6cdf1)
                CREATE TYPE river.river_job_state AS ENUM ('available', 'cancelled', 'completed', 'discarded',
                                                           'retryable', 'running', 'scheduled');
                CREATE TABLE river.river_job (
                    id bigserial PRIMARY KEY, state river.river_job_state NOT NULL DEFAULT 'available',
                    attempt smallint NOT NULL DEFAULT 0, max_attempts smallint NOT NULL,
                    attempted_at timestamptz, created_at timestamptz NOT NULL DEFAULT NOW(), finalized_at timestamptz,
                    scheduled_at timestamptz NOT NULL DEFAULT NOW(), priority smallint NOT NULL DEFAULT 1,
                    args jsonb, attempted_by text[], errors jsonb[], kind text NOT NULL, metadata jsonb NOT NULL DEFAULT '{}',
                    queue text NOT NULL DEFAULT 'default', tags varchar(255)[] NOT NULL DEFAULT '{}',
                    CONSTRAINT finalized_or_finalized_at_null CHECK ((state IN ('cancelled', 'completed', 'discarded')
                        AND finalized_at IS NOT NULL) OR finalized_at IS NULL));
                CREATE UNLOGGED TABLE river.river_leader (elected_at timestamptz NOT NULL, expires_at timestamptz NOT NULL,
                    leader_id text NOT NULL, name text PRIMARY KEY);
                INSERT INTO river.river_job (args, kind, max_attempts, state) VALUES ('{}', 'sort', 25, 'available');
                INSERT INTO river.river_job (args, kind, max_attempts, state, attempt, attempted_at, attempted_by,
                    errors, finalized_at) VALUES ('{}', 'sort', 1, 'discarded', 1, now(), '{client-1}',
                    ARRAY['{"at": "2026-01-01T00:00:00Z", "attempt": 1, "error": "boom", "trace": ""}'::jsonb], now());
                """);
        assertEquals("river@river.river_job", old.cli("detect").json().get("profiles").get(0).get("profile").asText()
                + "@river.river_job");
        JsonNode counts = old.cli("status", "--profile", "river").json().get("profiles").get(0).get("counts");
        assertEquals(1, counts.get("QUEUED").asInt());
        assertEquals(1, counts.get("FAILED").asInt());
        assertEquals("boom", old.cli("failed", "--profile", "river").json().get("profiles").get(0).get("failed").get(0).get("error").asText());
        ActionFixture.Run pause = old.cli("act", "pause-queue", "--profile", "river", "--queue", "default", "--yes", "--reason", "t");
        assertEquals(3, pause.exitCode(), pause.out() + pause.err());
        assertTrue(pause.err().contains("needs table river.river_queue"), pause.err());
        assertEquals(0, old.audits(), "nothing was written");
    }
}
