package io.pitwall.ui.timeline;

import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The time axis of a Gantt chart: round ticks in local time, with the date where a tick crosses midnight. */
final class GanttAxis {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MMM d HH:mm").withZone(ZoneId.systemDefault());

    private GanttAxis() {
    }

    static void draw(Pane pane, Instant viewStart, double secondsPerPixel, double plotWidth, double height, long step, double nowX) {
        long offset = ZoneId.systemDefault().getRules().getOffset(viewStart).getTotalSeconds();
        long first = Math.floorDiv(viewStart.getEpochSecond() + offset, step) * step - offset;
        Instant end = viewStart.plusMillis((long) (plotWidth * secondsPerPixel * 1000));
        for (long t = first; t <= end.getEpochSecond(); t += step) {
            Instant tick = Instant.ofEpochSecond(t);
            double x = GanttChart.LABEL_WIDTH + (t - viewStart.toEpochMilli() / 1000.0) / secondsPerPixel;
            if (x < GanttChart.LABEL_WIDTH) {
                continue;
            }
            if (Math.abs(x + 20 - nowX) < 50) {
                // The "now" label sits here.
                Line grid = new Line(x, GanttChart.AXIS_HEIGHT - 4, x, height);
                grid.getStyleClass().add("gantt-grid");
                pane.getChildren().add(grid);
                continue;
            }
            Line grid = new Line(x, GanttChart.AXIS_HEIGHT - 4, x, height);
            grid.getStyleClass().add("gantt-grid");
            boolean midnight = (t + offset) % 86400 == 0;
            Label label = new Label((step < 60 ? SECONDS : midnight || step >= 21600 ? DAYS : MINUTES).format(tick));
            label.getStyleClass().add("gantt-tick");
            label.relocate(x + 4, 6);
            pane.getChildren().addAll(grid, GanttChart.autosized(label));
        }
    }
}
