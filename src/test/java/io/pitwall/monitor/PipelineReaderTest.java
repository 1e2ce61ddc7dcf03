package io.pitwall.monitor;

import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.Pipeline;
import io.pitwall.queue.PipelineSummary;
import io.pitwall.queue.Span;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineReaderTest {

    static Span span(Pipeline pipeline, String id) {
        return pipeline.spans().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + id + " in " + pipeline.spans()));
    }

    static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void cloudgovShowsAServiceInstancesOperations() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.cloudgov(db);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            Pipeline pipeline = session.pipeline("cloudgov-broker", "si-1");
            assertEquals(List.of("4", "1", "2", "3"), pipeline.spans().stream().map(Span::id).toList());
            Span provision = span(pipeline, "1");
            assertEquals(CanonicalState.SUCCEEDED, provision.state());
            assertEquals("Provision", provision.kind());
            assertEquals(at("2026-01-01T10:00:00Z"), provision.start());
            assertEquals(at("2026-01-01T10:05:00Z"), provision.end());
            assertEquals(CanonicalState.FAILED, span(pipeline, "2").state());
            assertEquals(at("2026-01-01T11:02:00Z"), span(pipeline, "2").end());
            Span update = span(pipeline, "3");
            assertEquals(CanonicalState.RUNNING, update.state());
            assertTrue(update.open(), "an operation in progress is open-ended");
            assertEquals(CanonicalState.CANCELLED, span(pipeline, "4").state());
            assertEquals(at("2026-01-01T09:30:00Z"), span(pipeline, "4").end());
            assertEquals(pipeline.readAt(), pipeline.last(), "an open span runs to now");
        }
    }

    @Test
    void dsa110GroupsAMosaicsTasksByGroupId() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.dsa110(db);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            Pipeline pipeline = session.pipeline("dsa110-absurd", "G1");
            assertEquals(4, pipeline.spans().size());
            Span convert = span(pipeline, "00000000-0000-0000-0000-000000000001");
            assertEquals(at("2026-01-01T10:01:00Z"), convert.start(), "work starts when it was claimed");
            assertEquals(at("2026-01-01T10:03:00Z"), convert.end());
            assertEquals(at("2026-01-01T10:00:00Z"), convert.queuedAt());
            Span calibration = span(pipeline, "00000000-0000-0000-0000-000000000002");
            assertEquals(CanonicalState.FAILED, calibration.state());
            assertEquals(at("2026-01-01T10:03:00Z"), calibration.start(), "no claim left: from creation");
            assertEquals(at("2026-01-01T10:06:00Z"), calibration.end());
            assertTrue(calibration.detail().contains("No calibrator registered"), calibration.detail());
            assertTrue(calibration.detail().contains("attempts 3"), calibration.detail());
            Span imaging = span(pipeline, "00000000-0000-0000-0000-000000000003");
            assertEquals(CanonicalState.RUNNING, imaging.state());
            assertEquals(at("2026-01-01T10:07:00Z"), imaging.start());
            assertNull(imaging.end());
            Span mosaic = span(pipeline, "00000000-0000-0000-0000-000000000004");
            assertEquals(CanonicalState.QUEUED, mosaic.state());
            assertEquals(at("2026-01-01T10:08:00Z"), mosaic.start());
            assertNull(mosaic.end());
        }
    }

    @Test
    void shithubCorrelatesJobsByRepository() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.shithub(db);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            Pipeline pipeline = session.pipeline("shithub", "42");
            assertEquals(List.of("1", "2", "3"), pipeline.spans().stream().map(Span::id).toList());
            assertEquals(at("2026-01-01T10:00:10Z"), span(pipeline, "1").start());
            assertEquals(at("2026-01-01T10:00:40Z"), span(pipeline, "1").end());
            assertEquals(CanonicalState.FAILED, span(pipeline, "2").state());
            assertEquals(at("2026-01-01T10:09:00Z"), span(pipeline, "2").end());
            assertTrue(span(pipeline, "3").open());
            assertFalse(pipeline.truncated());
        }
    }

    @Test
    void pickerListsRecentKeysAndSearchesWithWildcardsAsText() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.dsa110(db);
        PipelineFixtures.shithub(db);
        try (MonitorSession session = PipelineFixtures.session(db)) {
            List<PipelineSummary> all = session.pipelines("dsa110-absurd", "");
            assertEquals(List.of("G1", "G2"), all.stream().map(PipelineSummary::key).sorted().toList());
            PipelineSummary g1 = all.stream().filter(p -> p.key().equals("G1")).findFirst().orElseThrow();
            assertEquals(4, g1.counts().total());
            assertEquals(CanonicalState.FAILED, g1.headline());
            assertEquals(List.of("G2"), session.pipelines("dsa110-absurd", "g2").stream().map(PipelineSummary::key).toList());
            assertTrue(session.pipelines("dsa110-absurd", "G%").isEmpty(), "a % typed by the operator is literal");
            assertEquals(List.of("42"), session.pipelines("shithub", "4").stream().map(PipelineSummary::key).toList());
            assertTrue(session.pipelines(null, "").size() >= 4, "all profiles at once");
        }
    }
}
