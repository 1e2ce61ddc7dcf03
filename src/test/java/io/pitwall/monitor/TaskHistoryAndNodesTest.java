package io.pitwall.monitor;

import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.Span;
import io.pitwall.queue.TaskDetail;
import io.pitwall.queue.WorkerSummary;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A task's attempts in its detail where the profile names a history table; Broadleaf's nodes in the workers view. */
class TaskHistoryAndNodesTest {

    @Test
    void detailListsTheTasksAttemptsFromTheHistoryTable(@TempDir Path profiles) throws Exception {
        TestDatabase db = TestDatabase.fresh();
        db.execute("""
                CREATE SCHEMA q;
                CREATE TABLE q.jobs (id bigint PRIMARY KEY, state text, batch text, worker text, claimed_at timestamptz);
                CREATE TABLE q.attempts (attempt_id bigint PRIMARY KEY, job_id bigint, state text, started_at timestamptz,
                                         ended_at timestamptz, error text);
                INSERT INTO q.jobs VALUES (1, 'busy', 'b1', 'w:1', now() - interval '1 minute'), (2, 'busy', 'b1', 'w:2', now());
                INSERT INTO q.attempts VALUES
                  (10, 1, 'failed', now() - interval '10 minutes', now() - interval '9 minutes', 'disk full'),
                  (11, 1, 'busy', now() - interval '1 minute', NULL, NULL),
                  (20, 2, 'busy', now(), NULL, NULL);
                """);
        Files.writeString(profiles.resolve("attempts.json"), """
                {
                  "id": "attempts",
                  "title": "Jobs with attempts",
                  "detect": {"table": "jobs", "schemas": ["q"], "columns": ["id", "state", "batch"]},
                  "tasks": {"id": "id", "state": "state", "owner": "worker", "claimedAt": "claimed_at", "pipelineKey": "batch"},
                  "states": {"busy": "RUNNING", "failed": "FAILED"},
                  "timeline": {"history": [{"name": "attempt", "table": "attempts", "taskId": "job_id", "id": "attempt_id",
                                            "state": "state", "start": "started_at", "end": "ended_at", "detail": "error"}]}
                }
                """);
        try (MonitorSession session = new MonitorSession(new DatabasePools(TargetResolver.fromSystem().resolve(db.url())),
                new ProfileLoader().load(profiles))) {
            TaskDetail task = session.task("attempts", "1").orElseThrow();
            List<Span> history = task.history();
            assertEquals(List.of("10", "11"), history.stream().map(Span::id).toList(), "only this task's, oldest first");
            assertEquals(CanonicalState.FAILED, history.getFirst().state());
            assertEquals("disk full", history.getFirst().detail());
            assertEquals("attempt", history.getFirst().source());
            assertTrue(session.task("attempts", "3").isEmpty());
        }
    }

    @Test
    void broadleafRegisteredNodesShowWithTheirLastHeartbeat() throws Exception {
        Fixture fixture = Fixture.of("broadleaf");
        fixture.db.execute("""
                INSERT INTO public.blc_registered_node (node_key, node_type, last_heartbeat) VALUES
                  ('admin-1:8443', 'ADMIN', now() - interval '5 seconds'),
                  ('site-9:8080', 'SITE', now() - interval '10 minutes');
                """);
        List<WorkerSummary> workers = new WorkersReader().read(fixture.db.dataSource(), fixture.bindings());
        assertEquals(List.of("site-9:8080", "admin-1:8443"), workers.stream().map(WorkerSummary::worker).toList(),
                "quietest first");
        assertEquals(List.of("SITE"), workers.getFirst().kinds());
        assertTrue(workers.getFirst().lastSeen().isBefore(workers.get(1).lastSeen()));
    }
}
