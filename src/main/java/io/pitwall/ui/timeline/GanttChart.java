package io.pitwall.ui.timeline;

import io.pitwall.queue.Pipeline;
import io.pitwall.queue.Span;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Gantt chart of one pipeline drawn with plain nodes: a row per task (and per history source of a task), bars
 * coloured by canonical state, open bars running to the "now" marker. Wheel with Ctrl (or the buttons) zooms,
 * dragging or a horizontal wheel pans; until the operator zooms or pans, each refresh fits the whole pipeline.
 */
final class GanttChart extends Pane {

    static final double LABEL_WIDTH = 250;
    static final double AXIS_HEIGHT = 30;
    static final double ROW_HEIGHT = 34;
    private static final long[] TICK_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
            10800, 21600, 43200, 86400, 172800, 604800};

    private static final String AUTOSIZE = "gantt-autosize";
    private final SpanHover hover = new SpanHover();
    private Pipeline pipeline;
    private Lanes lanes = new Lanes(List.of());
    private Instant viewStart = Instant.EPOCH;
    private double secondsPerPixel = 1;
    private boolean following = true;
    private double dragX = Double.NaN;
    private Consumer<Span> onSpanClicked = span -> { };

    GanttChart() {
        getStyleClass().add("gantt");
        setMinHeight(AXIS_HEIGHT + ROW_HEIGHT * 3);
        widthProperty().addListener((obs, old, width) -> {
            if (following) {
                fit();
            } else {
                render();
            }
        });
        addEventFilter(ScrollEvent.SCROLL, this::scroll);
        setOnMousePressed(e -> dragX = e.getX());
        setOnMouseDragged(this::drag);
        setOnMouseReleased(e -> dragX = Double.NaN);
    }

    void setPipeline(Pipeline newPipeline) {
        boolean other = pipeline == null || newPipeline == null || !pipeline.key().equals(newPipeline.key());
        pipeline = newPipeline;
        lanes = newPipeline == null ? new Lanes(List.of()) : Lanes.of(newPipeline.spans());
        setPrefHeight(AXIS_HEIGHT + Math.max(3, lanes.lanes().size()) * ROW_HEIGHT + 8);
        if (other) {
            following = true;
        }
        if (following) {
            fit();
        } else {
            render();
        }
    }

    void setOnSpanClicked(Consumer<Span> handler) {
        onSpanClicked = handler;
    }

    /** Shows the whole pipeline, from its first queued task to its last end (or now, while anything runs). */
    void fit() {
        following = true;
        if (pipeline == null || pipeline.first() == null) {
            render();
            return;
        }
        Instant first = pipeline.first();
        Instant last = pipeline.last().isBefore(first) ? first : pipeline.last();
        double seconds = Math.max(10, Duration.between(first, last).toMillis() / 1000.0);
        secondsPerPixel = seconds * 1.08 / plotWidth();
        viewStart = first.minusMillis((long) (seconds * 0.03 * 1000));
        render();
    }

    void zoom(double factor) {
        zoomAround(factor, LABEL_WIDTH + plotWidth() / 2);
    }

    private void zoomAround(double factor, double x) {
        Instant anchor = timeAt(x);
        secondsPerPixel = Math.max(0.01, Math.min(86400, secondsPerPixel / factor));
        viewStart = anchor.minusMillis((long) ((x - LABEL_WIDTH) * secondsPerPixel * 1000));
        following = false;
        render();
    }

    void pan(double pixels) {
        viewStart = viewStart.plusMillis((long) (pixels * secondsPerPixel * 1000));
        following = false;
        render();
    }

    boolean following() {
        return following;
    }

    private void scroll(ScrollEvent event) {
        if (event.isControlDown() || event.isShortcutDown()) {
            zoomAround(event.getDeltaY() > 0 ? 1.25 : 0.8, Math.max(LABEL_WIDTH, event.getX()));
            event.consume();
        } else if (Math.abs(event.getDeltaX()) > Math.abs(event.getDeltaY()) || event.isShiftDown()) {
            double delta = event.getDeltaX() != 0 ? event.getDeltaX() : event.getDeltaY();
            pan(-delta);
            event.consume();
        }
    }

    private void drag(MouseEvent event) {
        if (!Double.isNaN(dragX)) {
            pan(dragX - event.getX());
            dragX = event.getX();
        }
    }

    private double plotWidth() {
        return Math.max(100, getWidth() - LABEL_WIDTH - 16);
    }

    private double xOf(Instant time) {
        return LABEL_WIDTH + Duration.between(viewStart, time).toMillis() / 1000.0 / secondsPerPixel;
    }

    private Instant timeAt(double x) {
        return viewStart.plusMillis((long) ((x - LABEL_WIDTH) * secondsPerPixel * 1000));
    }

    private void render() {
        getChildren().clear();
        if (pipeline == null) {
            return;
        }
        double height = AXIS_HEIGHT + lanes.lanes().size() * ROW_HEIGHT;
        for (int i = 0; i < lanes.lanes().size(); i++) {
            Region stripe = new Region();
            stripe.getStyleClass().add(i % 2 == 0 ? "gantt-row" : "gantt-row-alt");
            stripe.resizeRelocate(0, AXIS_HEIGHT + i * ROW_HEIGHT, getWidth(), ROW_HEIGHT);
            getChildren().add(stripe);
        }
        double now = xOf(pipeline.readAt());
        GanttAxis.draw(this, viewStart, secondsPerPixel, plotWidth(), height, tickSeconds(), now);
        double right = LABEL_WIDTH + plotWidth();
        for (int i = 0; i < lanes.lanes().size(); i++) {
            double y = AXIS_HEIGHT + i * ROW_HEIGHT;
            for (Span span : lanes.lanes().get(i).spans()) {
                drawSpan(span, y, right);
            }
        }
        if (now >= LABEL_WIDTH && now <= right) {
            Line marker = new Line(now, AXIS_HEIGHT - 6, now, height);
            marker.getStyleClass().add("gantt-now");
            Label label = new Label("now");
            label.getStyleClass().add("gantt-now-label");
            label.relocate(now - 18, 4);
            getChildren().addAll(marker, autosized(label));
        }
        for (int i = 0; i < lanes.lanes().size(); i++) {
            getChildren().add(laneLabel(lanes.lanes().get(i), AXIS_HEIGHT + i * ROW_HEIGHT));
        }
        getChildren().add(hover);
    }

    /** Bars are sized and placed by {@link #render}; only text labels take their own preferred size. */
    @Override
    protected void layoutChildren() {
        for (Node child : getChildren()) {
            if (child.getProperties().containsKey(AUTOSIZE)) {
                child.autosize();
            }
        }
    }

    static <T extends Node> T autosized(T node) {
        node.getProperties().put(AUTOSIZE, Boolean.TRUE);
        return node;
    }

    private long tickSeconds() {
        for (long step : TICK_SECONDS) {
            if (step / secondsPerPixel >= 110) {
                return step;
            }
        }
        return TICK_SECONDS[TICK_SECONDS.length - 1];
    }

    private void drawSpan(Span span, double y, double right) {
        if (span.start() == null) {
            return;
        }
        Instant endTime = span.end() != null ? span.end() : pipeline.readAt();
        double x0 = xOf(span.start());
        double x1 = Math.max(x0, xOf(endTime));
        if (x1 < LABEL_WIDTH || x0 > right) {
            return;
        }
        if (span.queuedAt() != null && span.queuedAt().isBefore(span.start())) {
            double w0 = Math.max(LABEL_WIDTH, xOf(span.queuedAt()));
            double w1 = Math.min(right, x0);
            if (w1 > w0) {
                Region wait = new Region();
                wait.getStyleClass().add("gantt-wait");
                wait.resizeRelocate(w0, y + ROW_HEIGHT / 2 - 2, w1 - w0, 4);
                wait.setMouseTransparent(true);
                getChildren().add(wait);
            }
        }
        Node bar = span.instant() ? marker(span, x0, y) : bar(span, x0, x1, y, right);
        if (bar == null) {
            return;
        }
        bar.setOnMouseEntered(e -> showHover(span, e));
        bar.setOnMouseMoved(e -> showHover(span, e));
        bar.setOnMouseExited(e -> hover.hide());
        bar.setOnMouseClicked(e -> {
            if (e.isStillSincePress()) {
                onSpanClicked.accept(span);
            }
        });
        getChildren().add(bar);
    }

    private void showHover(Span span, MouseEvent event) {
        var at = sceneToLocal(event.getSceneX(), event.getSceneY());
        hover.show(span, pipeline.readAt(), at.getX(), at.getY(), getWidth());
    }

    private Node bar(Span span, double x0, double x1, double y, double right) {
        double left = Math.max(LABEL_WIDTH, x0);
        double width = Math.max(4, Math.min(right, x1) - left);
        // A pane, not a Label: labels carry state colours as text only (pitwall.css).
        javafx.scene.layout.StackPane bar = new javafx.scene.layout.StackPane();
        bar.getStyleClass().addAll("gantt-bar", "state-" + span.state().name().toLowerCase());
        if (span.open()) {
            bar.getStyleClass().add("gantt-open");
        }
        if (width > 70) {
            Label text = new Label(SpanHover.duration(span, pipeline.readAt()));
            text.setMinWidth(0);
            text.getStyleClass().add("gantt-bar-text");
            text.setMouseTransparent(true);
            javafx.scene.layout.StackPane.setAlignment(text, Pos.CENTER_LEFT);
            bar.getChildren().add(text);
        }
        bar.resizeRelocate(left, y + 7, width, ROW_HEIGHT - 14);
        bar.setUserData(span);
        return bar;
    }

    private Node marker(Span span, double x, double y) {
        Region diamond = new Region();
        diamond.getStyleClass().addAll("gantt-marker", "state-" + span.state().name().toLowerCase());
        diamond.resizeRelocate(x - 6, y + ROW_HEIGHT / 2 - 6, 12, 12);
        diamond.setRotate(45);
        diamond.setUserData(span);
        return diamond;
    }

    private Node laneLabel(Lanes.Lane lane, double y) {
        Label name = new Label(lane.label());
        name.getStyleClass().add(lane.history() ? "gantt-lane-history" : "gantt-lane-name");
        Label id = new Label(lane.sublabel());
        id.getStyleClass().add("gantt-lane-id");
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(8, name, id);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("gantt-lane-label");
        box.setPadding(new javafx.geometry.Insets(0, 8, 0, lane.history() ? 26 : 12));
        box.resizeRelocate(0, y, LABEL_WIDTH - 6, ROW_HEIGHT);
        return box;
    }
}
