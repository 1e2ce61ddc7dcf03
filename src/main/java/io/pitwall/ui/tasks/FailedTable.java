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
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        var when = Cells.age("Failed", FailedTask::at);
        when.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                viewModel.filters().finishedState.get() == io.pitwall.queue.CanonicalState.FAILED ? "Failed" : "Last change",
                viewModel.filters().finishedState));
        getColumns().setAll(List.of(
                when,
                Cells.text("Kind", 150, FailedTask::kind, "mono"),
                Cells.text("Id", 110, FailedTask::id, "mono"),
                Cells.text("Tries", 55, t -> t.attempts() == null ? "" : t.attempts().toString()),
                Cells.text("Error", 560, FailedTask::error, "mono", "error-text"),
                Cells.text("Queue", 120, FailedTask::profileId)));
        Label empty = new Label();
        empty.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> "No "
                + StateWords.title(viewModel.filters().finishedState.get()).toLowerCase() + " tasks match.",
                viewModel.filters().finishedState));
        empty.getStyleClass().add("text-muted");
        setPlaceholder(empty);
        getSelectionModel().selectedItemProperty().addListener((obs, old, task) -> {
            // The same task again after a refresh keeps its detail as it is.
            if (task != null && (old == null || !old.id().equals(task.id()) || !old.where().equals(task.where()))) {
                viewModel.select(task.profileId(), task.where(), task.id());
            }
        });
    }
}
