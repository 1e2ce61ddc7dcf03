package io.pitwall.monitor;

import io.pitwall.queue.Pipeline;
import io.pitwall.queue.Span;
import io.pitwall.queue.StuckItem;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pipeline carries the stuck verdicts of its own tasks, by the profile's stuck rules as the stuck screen runs
 * them, so the timeline draws a stuck task as stuck and not as a healthy running bar. The fixtures are
 * {@link PipelineFixtures}' (the demo schemas, written from each system's upstream migrations).
 */
class PipelineStuckTest {

    private static Set<String> rules(List<StuckItem> items) {
        return items.stream().map(StuckItem::rule).collect(Collectors.toSet());
    }

    @Test
    void aClaimedTaskPastItsTimeoutIsStuckAndOnlyItsOwnPipelinesTasksAreJudged() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.dsa110(db);
        // Another group's task stuck the same way: the verdicts of G1 must not name it.
        db.execute("""
                INSERT INTO absurd.t_tasks (task_id, queue_name, task_name, params, status, created_at, claimed_at,
                                            worker_id, retry_count) VALUES
                  ('00000000-0000-0000-0000-000000000009', 'dsa110-pipeline', 'imaging', '{"group_id":"G2"}',
                   'claimed', '2026-01-01 10:04+00', '2026-01-01 10:07+00', 'w3', 0);
                """);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            Pipeline pipeline = session.pipeline("dsa110-absurd", "G1");
            Span imaging = PipelineReaderTest.span(pipeline, "00000000-0000-0000-0000-000000000003");
            assertEquals(Set.of("heartbeat-stale", "claimed-too-long"), rules(pipeline.stuckOf(imaging)),
                    "claimed since 2026-01-01 with no heartbeat: both rules hold it");
            assertTrue(pipeline.stuck().stream().allMatch(item -> item.id().equals(imaging.taskId())),
                    "only G1's claimed task is judged: " + pipeline.stuck());
            assertTrue(pipeline.stuckOf(PipelineReaderTest.span(pipeline, "00000000-0000-0000-0000-000000000004"))
                    .isEmpty(), "a pending task is not stuck");
            assertTrue(pipeline.stuckOf(PipelineReaderTest.span(pipeline, "00000000-0000-0000-0000-000000000001"))
                    .isEmpty(), "a completed task is not stuck");

            // The same verdict, word for word, as the stuck screen's for that task.
            List<StuckItem> screen = session.stuck("dsa110-absurd", List.of(), null).stream()
                    .filter(item -> item.id().equals(imaging.taskId())).toList();
            assertEquals(screen.stream().map(StuckItem::evidence).sorted().toList(),
                    pipeline.stuckOf(imaging).stream().map(StuckItem::evidence).sorted().toList());

            Pipeline other = session.pipeline("dsa110-absurd", "G2");
            assertEquals(Set.of("00000000-0000-0000-0000-000000000009"),
                    other.stuck().stream().map(StuckItem::id).collect(Collectors.toSet()));
        }
    }

    @Test
    void aRuleOverAnotherTableMarksTheTaskAndItsOpenRunNotItsFinishedOnes() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.absurd(db);
        String task = "0190a000-0000-7000-8000-000000000003";
        // A task whose second run holds a claim that ran out: Absurd's lease-expired rule reads r_{queue}.
        db.execute("""
                INSERT INTO absurd.t_media (task_id, task_name, params, enqueue_at, first_started_at, state, attempts,
                                            last_attempt_run) VALUES
                  ('%1$s', 'transcode', '{}', '2026-01-01 09:59+00', '2026-01-01 10:00+00', 'running', 2,
                   '0190a000-0000-7000-8000-0000000000d2');
                INSERT INTO absurd.r_media (run_id, task_id, attempt, state, claimed_by, claim_expires_at, available_at,
                                            started_at, failed_at) VALUES
                  ('0190a000-0000-7000-8000-0000000000d1', '%1$s', 1, 'failed', 'worker-a', NULL,
                   '2026-01-01 10:00+00', '2026-01-01 10:00+00', '2026-01-01 10:01+00'),
                  ('0190a000-0000-7000-8000-0000000000d2', '%1$s', 2, 'running', 'worker-b', '2026-01-01 10:10+00',
                   '2026-01-01 10:05+00', '2026-01-01 10:05+00', NULL);
                """.formatted(task));
        try (MonitorSession session = PipelineFixtures.session(db)) {
            Pipeline pipeline = session.pipeline("absurd", task);
            Span taskSpan = PipelineReaderTest.span(pipeline, task);
            assertEquals(Set.of("lease-expired"), rules(pipeline.stuckOf(taskSpan)));
            Span openRun = PipelineReaderTest.span(pipeline, "0190a000-0000-7000-8000-0000000000d2");
            Span failedRun = PipelineReaderTest.span(pipeline, "0190a000-0000-7000-8000-0000000000d1");
            assertEquals(Set.of("lease-expired"), rules(pipeline.stuckOf(openRun)), "the run holding the lease");
            assertTrue(pipeline.stuckOf(failedRun).isEmpty(), "a finished run of a stuck task is not stuck");

            Pipeline healthy = session.pipeline("absurd", PipelineFixtures.ABSURD_TASK);
            assertTrue(healthy.stuck().isEmpty(), "a completed task's pipeline has no verdicts: " + healthy.stuck());
        }
    }

    @Test
    void aBigintIdIsMatchedAsTheStuckScreenMatchesIt() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.shithub(db);
        db.execute("""
                INSERT INTO shithub.jobs (id, kind, payload, state, leased_by, leased_at, attempts, run_at, created_at,
                                          updated_at) VALUES
                  (5, 'repo.push', '{"repo_id":42}', 'processing', 'web2:7', '2026-01-01 10:20+00', 1,
                   '2026-01-01 10:20+00', '2026-01-01 10:20+00', '2026-01-01 10:20+00'),
                  (6, 'repo.push', '{"repo_id":7}', 'processing', 'web2:7', '2026-01-01 10:20+00', 1,
                   '2026-01-01 10:20+00', '2026-01-01 10:20+00', '2026-01-01 10:20+00');
                """);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            Pipeline pipeline = session.pipeline("shithub", "42");
            assertEquals(List.of("5"), pipeline.stuck().stream().map(StuckItem::id).toList());
            assertEquals("lease-expired", pipeline.stuck().getFirst().rule());
            assertTrue(pipeline.stuck().getFirst().evidence().contains("web2:7"), pipeline.stuck().getFirst().evidence());
        }
    }
}
