package io.pitwall.ui.timeline;

import io.pitwall.queue.Ages;
import io.pitwall.queue.Span;
import io.pitwall.queue.StuckItem;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Draws one span as nodes for a {@link GanttChart}: the queued wait as a thin line, the work as a bar in its
 * state's colour (a marker for a checkpoint or event), and, where a stuck rule holds the task, the part of the
 * bar past the rule's threshold hatched as stuck, so a stuck task never reads as a healthy running bar.
 */
final class SpanPainter {

    /** Where the chart's plot lies and how time maps onto it. */
    interface Scale {
        double x(Instant time);

        double left();

        double right();

        Instant now();
    }

    static final String STUCK_CLASS = "gantt-stuck";

    private SpanPainter() {
    }

    /** The nodes of one span, in drawing order; none when it lies wholly outside the plot. */
    static List<Node> paint(Span span, List<StuckItem> stuck, double y, double rowHeight, Scale scale) {
        if (span.start() == null) {
            return List.of();
        }
        Instant endTime = span.end() != null ? span.end() : scale.now();
        double x0 = scale.x(span.start());
        double x1 = Math.max(x0, scale.x(endTime));
        if (x1 < scale.left() || x0 > scale.right()) {
            return List.of();
        }
        java.util.ArrayList<Node> nodes = new java.util.ArrayList<>();
        if (span.queuedAt() != null && span.queuedAt().isBefore(span.start())) {
            double w0 = Math.max(scale.left(), scale.x(span.queuedAt()));
            double w1 = Math.min(scale.right(), x0);
            if (w1 > w0) {
                Region wait = new Region();
                wait.getStyleClass().add("gantt-wait");
                wait.resizeRelocate(w0, y + rowHeight / 2 - 2, w1 - w0, 4);
                wait.setMouseTransparent(true);
                nodes.add(wait);
            }
        }
        if (span.instant()) {
            nodes.add(marker(span, x0, y, rowHeight, !stuck.isEmpty()));
            return nodes;
        }
        // The bar's own text goes where the healthy part leaves room; the stuck part carries its own.
        double healthy = stuck.isEmpty() ? x1 : Math.max(x0, scale.x(stuckFrom(span, stuck)));
        nodes.add(bar(span, x0, x1, healthy, y, rowHeight, scale));
        if (!stuck.isEmpty()) {
            nodes.add(stuckPart(span, stuck, x0, x1, y, rowHeight, scale));
        }
        return nodes;
    }

    /** When the earliest rule's threshold ran out: the stuck part of the bar starts there. */
    static Instant stuckFrom(Span span, List<StuckItem> stuck) {
        Instant from = null;
        for (StuckItem item : stuck) {
            Instant at = item.since() == null || item.threshold() == null ? span.start()
                    : item.since().plus(item.threshold());
            if (from == null || at.isBefore(from)) {
                from = at;
            }
        }
        return from == null || from.isBefore(span.start()) ? span.start() : from;
    }

    /** "stuck 2 h 17 min" from the earliest threshold to now (or the span's end). */
    static String stuckLength(Span span, List<StuckItem> stuck, Instant now) {
        Instant end = span.end() != null ? span.end() : now;
        Duration past = Duration.between(stuckFrom(span, stuck), end);
        return "stuck " + Ages.format(past.isNegative() ? Duration.ZERO : past);
    }

    private static Node bar(Span span, double x0, double x1, double healthyEnd, double y, double rowHeight, Scale scale) {
        double left = Math.max(scale.left(), x0);
        double width = Math.max(4, Math.min(scale.right(), x1) - left);
        // A pane, not a Label: labels carry state colours as text only (pitwall.css).
        StackPane bar = new StackPane();
        bar.getStyleClass().addAll("gantt-bar", "state-" + span.state().name().toLowerCase());
        if (span.open()) {
            bar.getStyleClass().add("gantt-open");
        }
        if (x0 < scale.left()) {
            bar.getStyleClass().add("gantt-cut-left");
        }
        if (Math.min(scale.right(), healthyEnd) - left > 70) {
            Label text = new Label(SpanHover.duration(span, scale.now()));
            text.setMinWidth(0);
            text.getStyleClass().add("gantt-bar-text");
            text.setMouseTransparent(true);
            StackPane.setAlignment(text, Pos.CENTER_LEFT);
            bar.getChildren().add(text);
        }
        bar.resizeRelocate(left, y + 7, width, rowHeight - 14);
        bar.setUserData(span);
        return bar;
    }

    /** The hatched overlay from the rule's threshold on; mouse-transparent, so hover and click reach the bar. */
    private static Node stuckPart(Span span, List<StuckItem> stuck, double x0, double x1, double y, double rowHeight,
                                  Scale scale) {
        double from = Math.max(scale.left(), Math.max(x0, scale.x(stuckFrom(span, stuck))));
        double to = Math.min(scale.right(), x1);
        // Even a rule that fired a second ago shows: the overlay is never thinner than a bar's minimum.
        double width = Math.max(6, to - from);
        StackPane part = new StackPane();
        part.getStyleClass().add(STUCK_CLASS);
        part.setMouseTransparent(true);
        if (width > 110) {
            Label text = new Label(stuckLength(span, stuck, scale.now()));
            text.setMinWidth(0);
            text.getStyleClass().add("gantt-stuck-text");
            StackPane.setAlignment(text, Pos.CENTER_RIGHT);
            part.getChildren().add(text);
        }
        part.resizeRelocate(Math.min(from, scale.right() - width), y + 7, width, rowHeight - 14);
        part.setUserData(span);
        return part;
    }

    private static Node marker(Span span, double x, double y, double rowHeight, boolean stuck) {
        Region diamond = new Region();
        diamond.getStyleClass().addAll("gantt-marker", "state-" + span.state().name().toLowerCase());
        if (stuck) {
            diamond.getStyleClass().add(STUCK_CLASS);
        }
        diamond.resizeRelocate(x - 6, y + rowHeight / 2 - 6, 12, 12);
        diamond.setRotate(45);
        diamond.setUserData(span);
        return diamond;
    }
}
