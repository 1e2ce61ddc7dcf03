package io.pitwall.ui.tasks;

import io.pitwall.queue.StuckItem;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** What is stuck, oldest trouble first: the rule, the evidence in words, and whose it is. */
final class StuckTable extends TableView<StuckItem> {

    StuckTable(TasksViewModel viewModel) {
        super(viewModel.stuck());
        setId("stuck-table");
        getStyleClass().add("tasks-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<StuckItem, String> rule = Cells.text("Rule", 150, StuckItem::rule, "rule-chip");
        rule.setMinWidth(150);
        TableColumn<StuckItem, String> evidence = Cells.wrapping("Evidence", 480, StuckItem::evidence);
        evidence.setMinWidth(300);
        // Kind, id and queue wrap instead of ending in "…" at 1366 px: a uuid or a Ruby class name is read in full.
        TableColumn<StuckItem, String> id = Cells.wrapping("Id", 100, StuckItem::id, "mono");
        id.setMinWidth(80);
        TableColumn<StuckItem, String> kind = Cells.wrapping("Kind", 120, i -> i.kind() == null ? i.object() : i.kind(), "mono");
        kind.setMinWidth(110);
        TableColumn<StuckItem, String> owner = Cells.text("Holder", 150, StuckItem::owner, "mono");
        TableColumn<StuckItem, String> queue = Cells.wrapping("Queue", 110, StuckItem::profileId);
        queue.setMinWidth(125);
        // The holder is in the evidence already; it stays one click away in the column menu.
        owner.setVisible(false);
        setTableMenuButtonVisible(true);
        getColumns().setAll(java.util.List.of(rule, evidence, kind, id, queue, owner));
        Label empty = new Label("Nothing stuck. Every rule of every detected profile came back empty.");
        empty.getStyleClass().add("text-muted");
        setPlaceholder(empty);
        String[] shown = {null};
        getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item == null) {
                return;
            }
            // A refresh selects the same task again: its detail stays as it is, not read again every 5 s.
            String key = item.profileId() + "|" + item.where() + "|" + item.object() + "|" + item.id();
            if (key.equals(shown[0])) {
                return;
            }
            shown[0] = key;
            if (item.object().equals("task")) {
                viewModel.select(item.profileId(), item.where(), item.id());
            } else {
                viewModel.selectObject(item);
            }
        });
    }
}
