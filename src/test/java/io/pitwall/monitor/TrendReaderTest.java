package io.pitwall.monitor;

import io.pitwall.queue.QueueTrend;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrendReaderTest {

    @Test
    void countsFinishedAndFailedPerMinuteOfTheLastHourAndTheOldestQueuedTask() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.schema(db, "dsa110-absurd");
        db.execute("""
                INSERT INTO absurd.t_tasks (queue_name, task_name, status, created_at, completed_at) VALUES
                  ('dsa110-pipeline', 'imaging', 'completed', now() - interval '20 min', date_trunc('minute', now()) - interval '10 min'),
                  ('dsa110-pipeline', 'imaging', 'completed', now() - interval '20 min', date_trunc('minute', now()) - interval '10 min' + interval '30 s'),
                  ('dsa110-pipeline', 'imaging', 'failed',    now() - interval '20 min', date_trunc('minute', now()) - interval '10 min'),
                  ('dsa110-pipeline', 'mosaic',  'completed', now() - interval '20 min', date_trunc('minute', now()) - interval '3 min'),
                  ('dsa110-pipeline', 'mosaic',  'completed', now() - interval '3 hours', now() - interval '2 hours'),
                  ('dsa110-pipeline', 'mosaic',  'pending',   now() - interval '42 min', NULL),
                  ('dsa110-pipeline', 'mosaic',  'pending',   now() - interval '5 min', NULL),
                  ('dsa110-pipeline', 'mosaic',  'claimed',   now() - interval '90 min', NULL);
                """);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            List<QueueTrend> trends = session.trends();
            assertEquals(1, trends.size());
            QueueTrend trend = trends.getFirst();
            assertTrue(trend.hasThroughput());
            assertEquals(2, trend.perMinute().size(), "only minutes of the last hour with work: " + trend.perMinute());
            QueueTrend.MinuteCount first = trend.perMinute().getFirst();
            assertEquals(2, first.succeeded());
            assertEquals(1, first.failed());
            assertEquals(1, trend.perMinute().get(1).succeeded());
            assertEquals(0, trend.perMinute().get(1).failed());
            long age = Duration.between(trend.oldestQueued(), trend.readAt()).toMinutes();
            assertEquals(42, age, "the oldest pending task, not the claimed one");
        }
    }

    @Test
    void aQueueWithNothingQueuedHasNoOldest() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.cloudgov(db);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            QueueTrend trend = session.trends().getFirst();
            assertNull(trend.oldestQueued());
            // cloudgov keeps no finish time; updated_at stands in, and the fixture's rows are from 2026-01-01.
            assertTrue(trend.hasThroughput());
            assertFalse(trend.perMinute().stream().anyMatch(m -> m.succeeded() > 0));
        }
    }

    @Test
    void oldestQueuedTaskPerKindIgnoresClaimedAndFinishedOnes() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.schema(db, "dsa110-absurd");
        db.execute("""
                INSERT INTO absurd.t_tasks (queue_name, task_name, status, created_at) VALUES
                  ('dsa110-pipeline', 'mosaic',  'pending',   now() - interval '42 min'),
                  ('dsa110-pipeline', 'mosaic',  'pending',   now() - interval '5 min'),
                  ('dsa110-pipeline', 'mosaic',  'claimed',   now() - interval '90 min'),
                  ('dsa110-pipeline', 'imaging', 'pending',   now() - interval '7 min'),
                  ('dsa110-pipeline', 'calibrate', 'completed', now() - interval '3 hours');
                """);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            java.util.Map<String, Long> minutes = new java.util.TreeMap<>();
            session.kindAges().forEach(a -> minutes.put(a.kind(),
                    Duration.between(a.oldestQueued(), a.readAt()).toMinutes()));
            assertEquals(java.util.Map.of("imaging", 7L, "mosaic", 42L), minutes);
        }
    }
}
