package io.pitwall.ui.tasks;

import io.pitwall.ui.runbook.ActionLauncher;
import io.pitwall.ui.shell.BaseScreen;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

import java.util.concurrent.Executor;

/** Stuck and failed tasks, workers and the task drill-down as a navigation entry. */
public final class TasksScreen extends BaseScreen<TasksViewModel> {

    public TasksScreen(Executor executor) {
        this(executor, new io.pitwall.ui.runbook.ActionOutcomes());
    }

    /** @param outcomes where its row actions announce their end; the lists and the detail read again then */
    public TasksScreen(Executor executor, io.pitwall.ui.runbook.ActionOutcomes outcomes) {
        this(executor, new TasksViewModel(executor), outcomes);
    }

    private TasksScreen(Executor executor, TasksViewModel viewModel, io.pitwall.ui.runbook.ActionOutcomes outcomes) {
        super("Stuck & failed", MaterialDesignA.ALERT_OCTAGON_OUTLINE, viewModel,
                new TasksView(viewModel, new ActionLauncher(executor, viewModel::session, outcomes)));
        outcomes.addListener(o -> viewModel.refreshAfterAction());
    }

    /** Shows one list of one queue: the stuck tab, or the list tab in a state. */
    public void showList(String profileId, String where, io.pitwall.queue.CanonicalState state) {
        viewModel().showQueue(profileId, where);
        TasksView view = (TasksView) view();
        if (state == null) {
            view.selectTab("tab-stuck");
        } else {
            viewModel().filters().grouped.set(false);
            viewModel().filters().finishedState.set(state);
            view.selectTab("tab-failed");
        }
    }
}
