package io.pitwall.ui.tasks;

import io.pitwall.queue.WorkerSummary;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;

import java.util.List;

/** Who holds work now, quietest first: a worker that stopped showing life is at the top. */
final class WorkersTable extends TableView<WorkerSummary> {

    WorkersTable(TasksViewModel viewModel) {
        super(viewModel.workers());
        setId("workers-table");
        getStyleClass().add("tasks-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        getColumns().setAll(List.of(
                Cells.text("Worker / lease holder", 240, WorkerSummary::worker, "mono"),
                Cells.age("Last sign of life", WorkerSummary::lastSeen),
                Cells.text("Holds", 60, w -> Long.toString(w.holding())),
                Cells.text("Kinds", 220, w -> String.join(", ", w.kinds()), "mono"),
                Cells.text("Tasks (quietest first)", 260, w -> String.join(", ", w.taskIds()), "mono"),
                Cells.text("Queue", 120, WorkerSummary::profileId)));
        Label empty = new Label("No worker holds a running task.");
        empty.getStyleClass().add("text-muted");
        setPlaceholder(empty);
        getSelectionModel().selectedItemProperty().addListener((obs, old, worker) -> {
            if (worker != null && !worker.taskIds().isEmpty()
                    && (old == null || !old.worker().equals(worker.worker()))) {
                viewModel.select(worker.profileId(), worker.where(), worker.taskIds().getFirst());
            }
        });
    }
}
