package io.pitwall.ui.fleet;

import io.pitwall.ui.shell.BaseScreen;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The fleet overview as a navigation entry. */
public final class FleetScreen extends BaseScreen<FleetViewModel> {

    public FleetScreen(Executor executor, Supplier<io.pitwall.monitor.fleet.FleetWatcher> watchers) {
        this(new FleetViewModel(executor, watchers));
    }

    /** With the console's current connection among the watched when no saved connection is it. */
    public FleetScreen(Executor executor,
                       java.util.function.Function<io.pitwall.monitor.MonitorSession, io.pitwall.monitor.fleet.FleetWatcher> watchers) {
        this(new FleetViewModel(executor, watchers));
    }

    private FleetScreen(FleetViewModel viewModel) {
        super("Fleet", MaterialDesignS.SERVER_NETWORK, viewModel, new FleetView(viewModel));
    }
}
