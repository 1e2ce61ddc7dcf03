package io.pitwall.ui.timeline;

import io.pitwall.queue.CanonicalState;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** What the chart's shapes and colours mean, drawn with the chart's own style classes so the two never disagree. */
final class GanttLegend extends FlowPane {

    GanttLegend() {
        super(14, 4);
        setId("timeline-legend");
        getStyleClass().add("gantt-legend");
        setAlignment(Pos.CENTER_LEFT);
        getChildren().add(item(swatch(40, 4, "gantt-wait"), "queued"));
        for (CanonicalState state : new CanonicalState[]{CanonicalState.RUNNING, CanonicalState.SUCCEEDED,
                CanonicalState.FAILED, CanonicalState.CANCELLED, CanonicalState.SCHEDULED}) {
            getChildren().add(item(swatch(22, 12, "gantt-legend-bar", "state-" + state.name().toLowerCase()),
                    state.name().toLowerCase()));
        }
        getChildren().add(item(swatch(22, 12, SpanPainter.STUCK_CLASS), "stuck (past its rule)"));
        getChildren().add(item(swatch(22, 12, "gantt-legend-bar", "state-running", "gantt-open"), "open"));
        Region diamond = swatch(10, 10, "gantt-legend-marker", "state-succeeded");
        diamond.setRotate(45);
        getChildren().add(item(diamond, "checkpoint, event"));
        getChildren().add(item(swatch(2, 14, "gantt-now-swatch"), "now"));
        Label edge = new Label("◀ 12 h earlier");
        edge.getStyleClass().addAll("gantt-outlier", "outlier-succeeded");
        getChildren().add(item(edge, "outside the view"));
    }

    private static Region swatch(double width, double height, String... classes) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll(classes);
        swatch.setMinSize(width, height);
        swatch.setPrefSize(width, height);
        swatch.setMaxSize(width, height);
        swatch.setMouseTransparent(true);
        return swatch;
    }

    private static Node item(Node sample, String text) {
        Label label = new Label(text);
        label.getStyleClass().add("gantt-legend-text");
        HBox item = new HBox(6, sample, label);
        item.setAlignment(Pos.CENTER_LEFT);
        return item;
    }
}
