package io.pitwall.monitor;

import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.Pipeline;
import io.pitwall.queue.Span;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pitwall.monitor.PipelineReaderTest.at;
import static io.pitwall.monitor.PipelineReaderTest.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timelines of the profiles whose schemas keep history: runs, checkpoints, events, extra timestamps. */
class PipelineHistoryTest {

    private static List<Span> from(Pipeline pipeline, String source) {
        return pipeline.spans().stream().filter(s -> s.source().equals(source)).toList();
    }

    @Test
    void absurdShowsATasksRunsAsSeparateAttemptsAndItsCheckpoints() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.absurd(db);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            Pipeline pipeline = session.pipeline("absurd", PipelineFixtures.ABSURD_TASK);
            Span task = span(pipeline, PipelineFixtures.ABSURD_TASK);
            assertEquals("task", task.source());
            assertEquals(CanonicalState.SUCCEEDED, task.state());
            assertEquals(at("2026-01-01T09:59:00Z"), task.queuedAt());
            assertEquals(at("2026-01-01T10:00:00Z"), task.start());
            assertEquals(at("2026-01-01T10:07:00Z"), task.end());

            List<Span> runs = from(pipeline, "run");
            assertEquals(List.of("attempt 1", "attempt 2"), runs.stream().map(Span::kind).toList());
            assertEquals(CanonicalState.FAILED, runs.get(0).state());
            assertEquals(at("2026-01-01T10:00:00Z"), runs.get(0).start());
            assertEquals(at("2026-01-01T10:02:00Z"), runs.get(0).end());
            assertTrue(runs.get(0).detail().contains("ffmpeg: exit status 1"), runs.get(0).detail());
            assertTrue(runs.get(0).detail().contains("worker-a"), runs.get(0).detail());
            assertEquals(CanonicalState.SUCCEEDED, runs.get(1).state());
            assertEquals(at("2026-01-01T10:05:00Z"), runs.get(1).start());
            assertEquals(at("2026-01-01T10:07:00Z"), runs.get(1).end());
            assertTrue(runs.stream().allMatch(r -> r.taskId().equals(PipelineFixtures.ABSURD_TASK)));

            List<Span> checkpoints = from(pipeline, "checkpoint");
            assertEquals(List.of("probe", "encode"), checkpoints.stream().map(Span::kind).toList());
            assertTrue(checkpoints.stream().allMatch(Span::instant), "a checkpoint is a point in time");
            assertEquals(at("2026-01-01T10:06:00Z"), checkpoints.get(0).start());
            assertTrue(pipeline.spans().stream().allMatch(s -> "absurd.t_media".equals(s.where())));

            Pipeline asleep = session.pipeline("absurd", "0190a000-0000-7000-8000-000000000002");
            assertEquals(List.of("task"), asleep.spans().stream().map(Span::source).toList(),
                    "a run asleep until an event (available_at infinity) has no place on the timeline");
        }
    }

    @Test
    void broadleafShowsADeploymentsEventsBySetupStatus() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.broadleaf(db);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            Pipeline done = session.pipeline("broadleaf", "501");
            Span deployment = span(done, "501");
            assertEquals(CanonicalState.SUCCEEDED, deployment.state());
            assertEquals(at("2026-01-01T10:00:00Z"), deployment.start());
            assertEquals(at("2026-01-01T10:20:00Z"), deployment.end());
            List<Span> events = from(done, "event");
            assertEquals(List.of("9001", "9002"), events.stream().map(Span::id).toList(), "ordered by setup_status");
            assertEquals(List.of("DEPLOY · setup 100", "PROMOTE · setup 200"), events.stream().map(Span::kind).toList());
            assertTrue(events.stream().allMatch(e -> e.state() == CanonicalState.SUCCEEDED
                    && at("2026-01-01T10:20:00Z").equals(e.end())));

            Pipeline running = session.pipeline("broadleaf", "502");
            assertEquals(CanonicalState.RUNNING, span(running, "502").state());
            assertNull(span(running, "9003").end(), "an event of a deployment in process is open");
        }
    }

    @Test
    void permanentShowsARecordsCreatedUpdatedAndProcessedTimes() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.permanent(db);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            Pipeline record = session.pipeline("permanent", "77");
            Span task = span(record, "77");
            assertEquals(CanonicalState.SUCCEEDED, task.state());
            assertEquals(at("2026-01-01T10:00:00Z"), task.start());
            assertEquals(at("2026-01-01T10:04:00Z"), task.end(), "a record is done when it was processed");
            assertEquals(at("2026-01-01T10:09:00Z"), span(record, "77/updated").start());
            assertEquals(at("2026-01-01T10:04:00Z"), span(record, "77/processed").start());

            Pipeline processing = session.pipeline("permanent", "78");
            assertEquals(CanonicalState.RUNNING, span(processing, "78").state());
            assertTrue(span(processing, "78").open());
            assertEquals(2, processing.spans().size(), "never processed: no processed marker");
            assertTrue(session.pipeline("permanent", "seventy-seven").spans().isEmpty(),
                    "a key that is not a record id names no pipeline, it is no error");
        }
    }

    @Test
    void shithub0018CorrelatesJobsByRepositoryWithDerivedStates() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.shithub0018(db);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            Pipeline repo = session.pipeline("shithub-0018", "42");
            assertEquals(List.of("1", "2", "3"), repo.spans().stream().map(Span::id).toList());
            assertEquals(at("2026-01-01T10:00:05Z"), span(repo, "1").start());
            assertEquals(at("2026-01-01T10:00:30Z"), span(repo, "1").end());
            assertEquals(CanonicalState.FAILED, span(repo, "2").state());
            assertEquals(at("2026-01-01T10:08:00Z"), span(repo, "2").end());
            assertTrue(span(repo, "2").detail().contains("out of memory"));
            assertEquals(CanonicalState.RUNNING, span(repo, "3").state());
            assertTrue(span(repo, "3").open());
            assertEquals(List.of("4"), session.pipeline("shithub-0018", "4").spans().stream().map(Span::id).toList(),
                    "a job with no repository is its own pipeline");
        }
    }
}
