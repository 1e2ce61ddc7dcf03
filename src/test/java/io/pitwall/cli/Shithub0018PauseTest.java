package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * shithub's jobs table of tenseleyFlow/shithub internal/migrationsfs/migrations/0018_jobs_and_push_events.sql
 * (e659af39; the demo's shithub-0018.sql), rows written as internal/worker/queries/jobs.sql's EnqueueJob writes
 * them (run_at defaults to now(), max_attempts to 5). The schema has no pause flag: pause-kind parks run_at.
 */
class Shithub0018PauseTest {

    private ActionFixture f;

    @BeforeEach
    void enqueue() {
        f = new ActionFixture("shithub-0018");
        f.db.execute("""
                INSERT INTO shithub0018.jobs (kind, payload, run_at, max_attempts)
                VALUES ('repo:index_code', '{"repo_id": 1}', COALESCE(NULL::timestamptz, now()), COALESCE(NULL::int, 5)),
                       ('repo:index_code', '{"repo_id": 2}', COALESCE(NULL::timestamptz, now()), COALESCE(NULL::int, 5)),
                       ('repo:index_code', '{"repo_id": 3}', now() + interval '1 hour', 5);
                """);
    }

    @Test
    void aPausedJobCountsAsPausedAndShowSaysPausedNotADate() {
        ActionFixture.Run dryRun = f.cli("act", "pause-kind", "--profile", "shithub-0018", "--kind", "repo:index_code",
                "--reason", "t", "--dry-run");
        assertTrue(dryRun.json().get("warning").asText().contains("enqueued after the pause"), dryRun.out());
        ActionFixture.Run pause = f.cli("act", "pause-kind", "--profile", "shithub-0018", "--kind", "repo:index_code",
                "--reason", "t", "--yes");
        assertEquals(3, pause.json().get("applied").asInt(), pause.out());
        assertTrue(pause.json().get("warning").asText().contains("are not paused and will run"), "said after, too");

        JsonNode counts = f.cli("status", "--profile", "shithub-0018").json().at("/profiles/0/counts");
        assertEquals(3, counts.get("PAUSED").asInt(), counts.toString());
        assertEquals(0, counts.get("SCHEDULED").asInt());

        ActionFixture.Run text = ActionFixture.offline("show", "--profile", "shithub-0018", "--task", "1", "--url", f.db.url());
        assertTrue(text.out().contains("scheduled  paused (never runs until resumed"), text.out());
        assertFalse(text.out().contains("292278994") || text.out().contains("d ago"), text.out());
        assertEquals("infinity", f.cli("show", "--profile", "shithub-0018", "--task", "1").json()
                .at("/task/timestamps/scheduled").asText());

        // EnqueueJob after the pause: run_at = now(), so the new job is not paused; the counts say so.
        f.db.execute("INSERT INTO shithub0018.jobs (kind, run_at) VALUES ('repo:index_code', now())");
        JsonNode after = f.cli("status", "--profile", "shithub-0018").json().at("/profiles/0/counts");
        assertEquals(3, after.get("PAUSED").asInt());
        assertEquals(1, after.get("QUEUED").asInt());
        ActionFixture.Run plain = ActionFixture.offline("act", "pause-kind", "--profile", "shithub-0018", "--kind",
                "repo:index_code", "--reason", "t", "--dry-run", "--url", f.db.url());
        assertTrue(plain.out().contains("note: The schema has no pause flag"), plain.out());
    }
}
