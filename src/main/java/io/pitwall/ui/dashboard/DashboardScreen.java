package io.pitwall.ui.dashboard;

import io.pitwall.ui.runbook.ActionLauncher;
import io.pitwall.ui.shell.BaseScreen;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

import java.util.concurrent.Executor;

/** The status dashboard as a navigation entry. */
public final class DashboardScreen extends BaseScreen<DashboardViewModel> {

    public DashboardScreen(Executor executor) {
        this(executor, new DashboardViewModel(executor));
    }

    private DashboardScreen(Executor executor, DashboardViewModel viewModel) {
        super("Dashboard", MaterialDesignV.VIEW_DASHBOARD_OUTLINE, viewModel, new DashboardView(viewModel, new ActionLauncher(executor, viewModel::session)));
    }
}
