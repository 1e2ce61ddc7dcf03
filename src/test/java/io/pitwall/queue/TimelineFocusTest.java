package io.pitwall.queue;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineFocusTest {

    private static final Instant NOW = Instant.parse("2026-01-02T09:00:00Z");

    private static Span span(String id, String start, String end) {
        return new Span(id, id, "task", "Renew", end == null ? CanonicalState.RUNNING : CanonicalState.SUCCEEDED,
                "x", null, Instant.parse(start), end == null ? null : Instant.parse(end), null, "s.t");
    }

    private static Pipeline pipeline(Span... spans) {
        return new Pipeline("p", "k", NOW, List.of(spans), false);
    }

    private static List<String> ids(List<Span> spans) {
        return spans.stream().map(Span::id).toList();
    }

    @Test
    void oneTaskFromYesterdayIsAnOutlierNotTheAxis() {
        // cloud.gov's case: a deprovision 21 h ago, then today's renews a few minutes long.
        Pipeline pipeline = pipeline(span("old", "2026-01-01T12:00:00Z", "2026-01-01T12:00:20Z"),
                span("r1", "2026-01-02T08:50:00Z", "2026-01-02T08:53:00Z"),
                span("r2", "2026-01-02T08:55:00Z", null));
        TimelineFocus focus = TimelineFocus.of(pipeline);
        assertEquals(Instant.parse("2026-01-02T08:50:00Z"), focus.start());
        assertEquals(NOW, focus.end(), "an open task runs to now");
        assertEquals(List.of("old"), ids(focus.before()));
        assertTrue(focus.after().isEmpty());
        assertTrue(focus.narrowed());
        TimelineFocus whole = TimelineFocus.whole(pipeline);
        assertEquals(Instant.parse("2026-01-01T12:00:00Z"), whole.start(), "show all still reaches back to it");
        assertFalse(whole.narrowed());
    }

    @Test
    void aPipelineWithNoWideGapIsShownWhole() {
        // Tasks every 40 min over an afternoon: the gaps are 22 % of the whole each, under the 30 % that splits.
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            spans.add(span("t" + i, "2026-01-02T0" + (4 + i) + ":00:00Z", "2026-01-02T0" + (4 + i) + ":20:00Z"));
        }
        TimelineFocus focus = TimelineFocus.of(new Pipeline("p", "k", NOW, spans, false));
        assertEquals(Instant.parse("2026-01-02T04:00:00Z"), focus.start());
        assertEquals(Instant.parse("2026-01-02T08:20:00Z"), focus.end());
        assertFalse(focus.narrowed());
    }

    @Test
    void aShortPipelineIsNeverSplitHoweverItsGapsCompare() {
        // A 9-minute gap in a 10-minute pipeline is 90 % of it, but under the 10-minute minimum.
        TimelineFocus focus = TimelineFocus.of(pipeline(span("a", "2026-01-02T08:00:00Z", "2026-01-02T08:00:30Z"),
                span("b", "2026-01-02T08:09:30Z", "2026-01-02T08:10:00Z")));
        assertFalse(focus.narrowed());
    }

    @Test
    void theBulkWinsOverALaterStragglerAndTheLatestWinsATie() {
        Pipeline bulkEarlier = pipeline(span("a", "2026-01-01T10:00:00Z", "2026-01-01T10:05:00Z"),
                span("b", "2026-01-01T10:03:00Z", "2026-01-01T10:09:00Z"),
                span("c", "2026-01-01T10:10:00Z", "2026-01-01T10:12:00Z"),
                span("late", "2026-01-02T08:00:00Z", "2026-01-02T08:01:00Z"));
        TimelineFocus focus = TimelineFocus.of(bulkEarlier);
        assertEquals(Instant.parse("2026-01-01T10:12:00Z"), focus.end());
        assertEquals(List.of("late"), ids(focus.after()));
        assertTrue(focus.before().isEmpty());

        TimelineFocus tie = TimelineFocus.of(pipeline(span("a", "2026-01-01T10:00:00Z", "2026-01-01T10:05:00Z"),
                span("b", "2026-01-02T08:00:00Z", "2026-01-02T08:01:00Z")));
        assertEquals(List.of("a"), ids(tie.before()), "on a tie, what happened last is the focus");
    }

    @Test
    void aQueuedWaitBelongsToItsTasksBar() {
        // Queued at 08:00 and started at 08:40: the wait is part of the bar, not a gap that splits it off.
        Span waited = new Span("w", "w", "task", "k", CanonicalState.SUCCEEDED, "x",
                Instant.parse("2026-01-02T08:00:00Z"), Instant.parse("2026-01-02T08:40:00Z"),
                Instant.parse("2026-01-02T08:41:00Z"), null, "s.t");
        TimelineFocus focus = TimelineFocus.of(pipeline(span("a", "2026-01-02T07:55:00Z", "2026-01-02T07:58:00Z"), waited));
        assertFalse(focus.narrowed());
        assertEquals(Instant.parse("2026-01-02T07:55:00Z"), focus.start());
    }

    @Test
    void noTimesNoFocus() {
        Span untimed = new Span("u", "u", "task", "k", CanonicalState.QUEUED, "x", null, null, null, null, "s.t");
        assertNull(TimelineFocus.of(pipeline(untimed)));
    }
}
