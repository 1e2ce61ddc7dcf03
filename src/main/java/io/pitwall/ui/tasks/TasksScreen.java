package io.pitwall.ui.tasks;

import io.pitwall.ui.runbook.ActionLauncher;
import io.pitwall.ui.shell.BaseScreen;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

import java.util.concurrent.Executor;

/** Stuck and failed tasks, workers and the task drill-down as a navigation entry. */
public final class TasksScreen extends BaseScreen<TasksViewModel> {

    public TasksScreen(Executor executor) {
        this(executor, new TasksViewModel(executor));
    }

    private TasksScreen(Executor executor, TasksViewModel viewModel) {
        super("Stuck & failed", MaterialDesignA.ALERT_OCTAGON_OUTLINE, viewModel, new TasksView(viewModel, new ActionLauncher(executor, viewModel::session)));
    }
}
