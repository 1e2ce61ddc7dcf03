package io.pitwall.ui.dashboard;

import io.pitwall.ui.shell.BaseScreen;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

import java.util.concurrent.Executor;

/** The status dashboard as a navigation entry. */
public final class DashboardScreen extends BaseScreen<DashboardViewModel> {

    public DashboardScreen(Executor executor) {
        this(new DashboardViewModel(executor));
    }

    private DashboardScreen(DashboardViewModel viewModel) {
        super("Dashboard", MaterialDesignV.VIEW_DASHBOARD_OUTLINE, viewModel, new DashboardView(viewModel));
    }

    /** Where a number on a card leads. */
    public void setListOpener(ListOpener opener) {
        ((DashboardView) view()).setListOpener(opener);
    }
}
