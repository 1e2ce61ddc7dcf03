package io.pitwall.ui.dashboard;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.ui.runbook.ActionLauncher;
import io.pitwall.ui.shell.Screen;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

import java.util.concurrent.Executor;

/** The status dashboard as a navigation entry. */
public final class DashboardScreen implements Screen {

    private final DashboardViewModel viewModel;
    private final DashboardView view;

    public DashboardScreen(Executor executor) {
        viewModel = new DashboardViewModel(executor);
        view = new DashboardView(viewModel, new ActionLauncher(executor, viewModel::session));
    }

    @Override
    public String title() {
        return "Dashboard";
    }

    @Override
    public Ikon icon() {
        return MaterialDesignV.VIEW_DASHBOARD_OUTLINE;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void show(MonitorSession session) {
        viewModel.show(session);
    }

    public DashboardViewModel viewModel() {
        return viewModel;
    }
}
