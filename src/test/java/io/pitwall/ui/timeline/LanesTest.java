package io.pitwall.ui.timeline;

import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.Span;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LanesTest {

    private static Span span(String id, String task, String source, String start, String end) {
        return new Span(id, task, source, source, CanonicalState.SUCCEEDED, "done", null,
                start == null ? null : Instant.parse("2026-01-01T" + start + ":00Z"),
                end == null ? null : Instant.parse("2026-01-01T" + end + ":00Z"), null, "s.t");
    }

    @Test
    void retriesShareTheirTasksRunRowAndOverlapsStack() {
        Lanes lanes = Lanes.of(List.of(
                span("r1", "A", "run", "10:00", "10:02"),
                span("A", "A", "task", "10:00", "10:07"),
                span("r2", "A", "run", "10:05", "10:07"),
                span("e1", "B", "event", "10:00", "10:20"),
                span("e2", "B", "event", "10:00", "10:20"),
                span("B", "B", "task", "10:00", "10:20"),
                span("c1", "A", "checkpoint", "10:06", "10:06"),
                span("c2", "A", "checkpoint", "10:06", "10:06")));
        List<String> rows = lanes.lanes().stream()
                .map(l -> l.taskId() + ":" + l.source() + ":" + l.spans().stream().map(Span::id).toList()).toList();
        assertEquals(List.of(
                "A:task:[A]",
                "A:run:[r1, r2]",
                "A:checkpoint:[c1]",
                "A:checkpoint:[c2]",
                "B:task:[B]",
                "B:event:[e1]",
                "B:event:[e2]"), rows);
        assertEquals("↳ 2 runs", lanes.lanes().get(1).label());
        assertEquals("", lanes.lanes().get(3).label(), "a stacked row repeats no label");
    }
}
