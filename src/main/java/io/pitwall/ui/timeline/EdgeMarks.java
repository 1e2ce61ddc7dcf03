package io.pitwall.ui.timeline;

import io.pitwall.queue.Ages;
import io.pitwall.queue.Pipeline;
import io.pitwall.queue.Span;
import javafx.scene.control.Label;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a lane's spans are when none of them is on the plot: "◀ 12 h earlier" at the left edge, "3 min later ▶" at
 * the right, in the nearest such span's state colour (hatched when it is stuck). After a fit to the bulk or a zoom,
 * no row looks empty while it has work somewhere else in time.
 */
final class EdgeMarks {

    private EdgeMarks() {
    }

    /** The marks of one lane, placed horizontally; the caller sets their row and handlers. */
    static List<Label> of(Lanes.Lane lane, Pipeline pipeline, SpanPainter.Scale scale, Instant viewStart,
                          Instant viewEnd) {
        Span before = null;
        Span after = null;
        for (Span span : lane.spans()) {
            if (span.start() == null) {
                continue;
            }
            Instant end = endOf(span, pipeline);
            if (scale.x(end) < scale.left()) {
                if (before == null || end.isAfter(endOf(before, pipeline))) {
                    before = span;
                }
            } else if (scale.x(span.start()) > scale.right()) {
                if (after == null || span.start().isBefore(after.start())) {
                    after = span;
                }
            } else {
                return List.of(); // something of this lane is on the plot: it needs no pointer
            }
        }
        List<Label> marks = new ArrayList<>();
        if (before != null) {
            Duration gap = Duration.between(endOf(before, pipeline), viewStart);
            marks.add(mark("◀ " + words(before) + Ages.format(gap) + " earlier", before, pipeline, scale.left() + 6, false));
        }
        if (after != null) {
            Duration gap = Duration.between(viewEnd, after.start());
            marks.add(mark(words(after) + Ages.format(gap) + " later ▶", after, pipeline, scale.right() - 6, true));
        }
        return marks;
    }

    private static String words(Span span) {
        return span.state().name().toLowerCase() + ", ";
    }

    private static Instant endOf(Span span, Pipeline pipeline) {
        return span.end() != null ? span.end() : pipeline.readAt();
    }

    private static Label mark(String text, Span span, Pipeline pipeline, double x, boolean alignRight) {
        Label label = new Label(text);
        label.getStyleClass().addAll("gantt-outlier", "outlier-" + span.state().name().toLowerCase());
        if (!pipeline.stuckOf(span).isEmpty()) {
            label.getStyleClass().add(SpanPainter.STUCK_CLASS);
        }
        label.setUserData(span);
        // Right-aligned marks end at the edge whatever their text's width: measured once the label has its style.
        label.layoutBoundsProperty().addListener((obs, old, bounds) -> {
            if (alignRight) {
                label.setLayoutX(x - bounds.getWidth());
            }
        });
        label.setLayoutX(x);
        return label;
    }
}
