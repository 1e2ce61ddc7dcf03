package io.pitwall.ui.tasks;

import io.pitwall.queue.FailedTask;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;

import java.util.List;

/** Failed tasks, newest first, one keyset page at a time. */
final class FailedTable extends TableView<FailedTask> {

    FailedTable(TasksViewModel viewModel) {
        super(viewModel.failed());
        setId("failed-table");
        getStyleClass().add("tasks-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().setAll(List.of(
                Cells.age("Failed", FailedTask::at),
                Cells.text("Kind", 140, FailedTask::kind, "mono"),
                Cells.text("Id", 120, FailedTask::id, "mono"),
                Cells.text("Attempts", 70, t -> t.attempts() == null ? "" : t.attempts().toString()),
                Cells.text("Error", 480, FailedTask::error, "mono", "error-text"),
                Cells.text("Queue", 160, t -> t.profileId() + " · " + t.where())));
        Label empty = new Label("No failed tasks match.");
        empty.getStyleClass().add("text-muted");
        setPlaceholder(empty);
        getSelectionModel().selectedItemProperty().addListener((obs, old, task) -> {
            if (task != null) {
                viewModel.select(task.profileId(), task.where(), task.id());
            }
        });
    }
}
