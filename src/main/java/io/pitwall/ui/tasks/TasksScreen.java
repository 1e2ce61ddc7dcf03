package io.pitwall.ui.tasks;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.ui.runbook.ActionLauncher;
import io.pitwall.ui.shell.Screen;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

import java.util.concurrent.Executor;

/** Stuck and failed tasks, error groups, workers and a task's detail, as a navigation entry. */
public final class TasksScreen implements Screen {

    private final TasksViewModel viewModel;
    private final TasksView view;

    public TasksScreen(Executor executor) {
        viewModel = new TasksViewModel(executor);
        view = new TasksView(viewModel, new ActionLauncher(executor, viewModel::session));
    }

    @Override
    public String title() {
        return "Stuck & failed";
    }

    @Override
    public Ikon icon() {
        return MaterialDesignA.ALERT_OCTAGON_OUTLINE;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void show(MonitorSession session) {
        viewModel.show(session);
    }

    public TasksViewModel viewModel() {
        return viewModel;
    }
}
