package io.pitwall.ui.timeline;

import io.pitwall.queue.Pipeline;
import io.pitwall.queue.Span;
import io.pitwall.queue.TimelineFocus;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
 * dragging or a horizontal wheel pans; until the operator zooms or pans, each refresh fits the pipeline: its bulk
 * ({@link TimelineFocus}), with what lies outside marked at the edge, or on request the whole of it.
 */
final class GanttChart extends Pane {

    static final double LABEL_WIDTH = 250;
    static final double AXIS_HEIGHT = 30;
    static final double ROW_HEIGHT = 34;
    private static final long[] TICK_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
            10800, 21600, 43200, 86400, 172800, 604800};

    private static final String AUTOSIZE = "gantt-autosize";
    private final SpanHover hover = new SpanHover();
    private final ReadOnlyObjectWrapper<TimelineFocus> focus = new ReadOnlyObjectWrapper<>();
    private Pipeline pipeline;
    private Lanes lanes = new Lanes(List.of());
    private Instant viewStart = Instant.EPOCH;
    private double secondsPerPixel = 1;
    private boolean following = true;
    private boolean whole;
    private double dragX = Double.NaN;
    private Consumer<Span> onSpanClicked = span -> { };
    private final SpanPainter.Scale scale = new SpanPainter.Scale() {
        @Override
        public double x(Instant time) {
            return xOf(time);
        }

        @Override
        public double left() {
            return LABEL_WIDTH;
        }

        @Override
        public double right() {
            return LABEL_WIDTH + plotWidth();
        }

        @Override
        public Instant now() {
            return pipeline.readAt();
        }
    };

    GanttChart() {
        getStyleClass().add("gantt");
        setMinHeight(AXIS_HEIGHT + ROW_HEIGHT * 3);
        widthProperty().addListener((obs, old, width) -> {
            if (following) {
                refit();
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
            whole = false;
        }
        if (following) {
            refit();
        } else {
            render();
        }
    }

    void setOnSpanClicked(Consumer<Span> handler) {
        onSpanClicked = handler;
    }

    /** Fits the bulk of the pipeline and follows it; outliers are marked at the edges. */
    void fit() {
        whole = false;
        refit();
    }

    /** Fits the whole pipeline, from its first queued task to its last end (or now), and follows it. */
    void fitAll() {
        whole = true;
        refit();
    }

    private void refit() {
        following = true;
        TimelineFocus fitted = pipeline == null ? null : whole ? TimelineFocus.whole(pipeline) : TimelineFocus.of(pipeline);
        focus.set(fitted);
        if (fitted == null) {
            render();
            return;
        }
        double seconds = Math.max(10, Duration.between(fitted.start(), fitted.end()).toMillis() / 1000.0);
        secondsPerPixel = seconds * 1.08 / plotWidth();
        viewStart = fitted.start().minusMillis((long) (seconds * 0.03 * 1000));
        render();
    }

    /** The span of time the last fit chose, with what it left out; null after a zoom or pan. */
    ReadOnlyObjectProperty<TimelineFocus> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    void zoom(double factor) {
        zoomAround(factor, LABEL_WIDTH + plotWidth() / 2);
    }

    private void zoomAround(double factor, double x) {
        Instant anchor = timeAt(x);
        secondsPerPixel = Math.max(0.01, Math.min(86400, secondsPerPixel / factor));
        viewStart = anchor.minusMillis((long) ((x - LABEL_WIDTH) * secondsPerPixel * 1000));
        unfollow();
        render();
    }

    void pan(double pixels) {
        viewStart = viewStart.plusMillis((long) (pixels * secondsPerPixel * 1000));
        unfollow();
        render();
    }

    private void unfollow() {
        following = false;
        focus.set(null);
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
        for (int i = 0; i < lanes.lanes().size(); i++) {
            double y = AXIS_HEIGHT + i * ROW_HEIGHT;
            for (Span span : lanes.lanes().get(i).spans()) {
                drawSpan(span, y);
            }
            drawOutliers(lanes.lanes().get(i), y);
        }
        if (now >= LABEL_WIDTH && now <= scale.right()) {
            Line marker = new Line(now, AXIS_HEIGHT - 6, now, height);
            marker.getStyleClass().add("gantt-now");
            Label label = new Label("now");
            label.getStyleClass().add("gantt-now-label");
            label.relocate(now - 18, 4);
            getChildren().addAll(marker, autosized(label));
        }
        for (int i = 0; i < lanes.lanes().size(); i++) {
            Lanes.Lane lane = lanes.lanes().get(i);
            boolean stuck = lane.spans().stream().anyMatch(span -> !pipeline.stuckOf(span).isEmpty());
            getChildren().add(LaneLabel.of(lane, stuck, AXIS_HEIGHT + i * ROW_HEIGHT, LABEL_WIDTH - 6, ROW_HEIGHT));
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

    private void drawSpan(Span span, double y) {
        for (Node node : SpanPainter.paint(span, pipeline.stuckOf(span), y, ROW_HEIGHT, scale)) {
            if (node.getUserData() instanceof Span && !node.isMouseTransparent()) {
                interactive(node, span);
            }
            getChildren().add(node);
        }
    }

    private void interactive(Node node, Span span) {
        node.setOnMouseEntered(e -> showHover(span, e));
        node.setOnMouseMoved(e -> showHover(span, e));
        node.setOnMouseExited(e -> hover.hide());
        node.setOnMouseClicked(e -> {
            if (e.isStillSincePress()) {
                onSpanClicked.accept(span);
            }
        });
    }

    private void drawOutliers(Lanes.Lane lane, double y) {
        for (Label mark : EdgeMarks.of(lane, pipeline, scale, timeAt(scale.left()), timeAt(scale.right()))) {
            Span span = (Span) mark.getUserData();
            mark.setLayoutY(y + ROW_HEIGHT / 2 - 10);
            mark.setOnMouseEntered(e -> showHover(span, e));
            mark.setOnMouseExited(e -> hover.hide());
            mark.setOnMouseClicked(e -> fitAll());
            getChildren().add(autosized(mark));
        }
    }

    private void showHover(Span span, MouseEvent event) {
        var at = sceneToLocal(event.getSceneX(), event.getSceneY());
        hover.show(span, pipeline.stuckOf(span), pipeline.readAt(), at.getX(), at.getY(), getWidth());
    }
}
