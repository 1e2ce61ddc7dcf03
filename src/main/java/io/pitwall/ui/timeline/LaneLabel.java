package io.pitwall.ui.timeline;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * A row's name at the chart's left: the task's kind and a short id (the distinct end of a uuid), the full id on
 * hover, and a STUCK chip on a row a stuck rule holds, so the row reads as trouble before its bar is found.
 */
final class LaneLabel {

    private LaneLabel() {
    }

    static Node of(Lanes.Lane lane, boolean stuck, double y, double width, double height) {
        Label name = new Label(lane.label());
        name.getStyleClass().add(lane.history() ? "gantt-lane-history" : "gantt-lane-name");
        name.setMinWidth(0);
        Label id = new Label(lane.sublabel());
        id.getStyleClass().add("gantt-lane-id");
        id.setMinWidth(Label.USE_PREF_SIZE);
        HBox box = new HBox(8, name, id);
        if (stuck && !lane.history()) {
            Label chip = new Label("STUCK");
            chip.getStyleClass().add("gantt-stuck-chip");
            chip.setMinWidth(Label.USE_PREF_SIZE);
            box.getChildren().add(chip);
        }
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("gantt-lane-label");
        box.setPadding(new Insets(0, 8, 0, lane.history() ? 26 : 12));
        box.resizeRelocate(0, y, width, height);
        if (!lane.history() && !lane.label().isEmpty()) {
            Tooltip.install(box, new Tooltip(lane.label() + "\n" + lane.taskId()));
        }
        return box;
    }
}
