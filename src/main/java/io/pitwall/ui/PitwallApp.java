package io.pitwall.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.pitwall.connect.SavedChecks;
import io.pitwall.connect.SavedConnections;
import io.pitwall.monitor.fleet.FleetWatcher;
import io.pitwall.monitor.fleet.SavedFleet;
import io.pitwall.ui.fleet.FleetScreen;
import io.pitwall.ui.audit.AuditScreen;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.dashboard.DashboardScreen;
import io.pitwall.ui.kinds.KindsScreen;
import io.pitwall.ui.runbook.ActionOutcomes;
import io.pitwall.ui.shell.ShellView;
import io.pitwall.ui.shell.ShellViewModel;
import io.pitwall.ui.tasks.TasksScreen;
import io.pitwall.ui.timeline.TimelineScreen;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/** The desktop console. Dark by default: it is looked at on call, at night. */
public final class PitwallApp extends Application {

    private static volatile boolean demoRequested;

    private final ExecutorService executor = FxExecutors.background("pitwall-io");
    private ShellViewModel shell;
    private boolean dark = true;

    static void startInDemo(boolean demo) {
        demoRequested = demo;
    }

    @Override
    public void start(Stage stage) {
        applyTheme();
        SavedConnections saved = SavedConnections.inUserConfig();
        shell = new ShellViewModel(executor, saved);
        ActionOutcomes outcomes = new ActionOutcomes();
        List<io.pitwall.ui.shell.Screen> screens = screens(outcomes);
        ShellView view = new ShellView(shell, screens, this::toggleTheme);
        linkTimelineToTasks(screens, view);
        ScreenLinks.link(screens, view, outcomes);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(1600, screen.getWidth()), Math.min(1000, screen.getHeight()));
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource("pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(shell.windowTitleProperty());
        stage.setMinWidth(760);
        stage.setMinHeight(520);
        stage.show();
        if (demoRequested) {
            shell.startDemo();
        } else {
            shell.loadSaved(list -> {
                if (list.isEmpty()) {
                    shell.startDemo();
                } else {
                    view.openConnectDialog();
                }
            });
        }
    }

    /** The navigation, in order; Ctrl+1 … Ctrl+9 select them. */
    private List<io.pitwall.ui.shell.Screen> screens(ActionOutcomes outcomes) {
        return List.of(
                new DashboardScreen(executor),
                new TasksScreen(executor, outcomes),
                new TimelineScreen(executor),
                new AuditScreen(executor),
                new KindsScreen(executor, outcomes),
                new FleetScreen(executor, (io.pitwall.monitor.MonitorSession current) -> SavedFleet.watcher(
                        SavedConnections.inUserConfig(), SavedChecks.inUserConfig(), FleetWatcher.Settings.DEFAULT,
                        current)));
    }

    /** A click on a timeline bar opens that task's drill-down on the tasks screen. */
    private static void linkTimelineToTasks(List<io.pitwall.ui.shell.Screen> screens, ShellView view) {
        TasksScreen tasks = screens.stream().filter(TasksScreen.class::isInstance).map(TasksScreen.class::cast)
                .findFirst().orElse(null);
        screens.stream().filter(TimelineScreen.class::isInstance).map(TimelineScreen.class::cast).findFirst()
                .ifPresent(timeline -> {
                    timeline.setTaskOpener((profileId, where, taskId) -> {
                        if (tasks != null) {
                            tasks.viewModel().select(profileId, where, taskId);
                            view.select(tasks);
                        }
                    });
                    if (tasks != null) {
                        tasks.viewModel().setPipelineOpener((profileId, key) -> {
                            timeline.open(profileId, key);
                            view.select(timeline);
                        });
                    }
                });
    }

    private void toggleTheme() {
        dark = !dark;
        applyTheme();
    }

    private void applyTheme() {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.shutdown();
        }
        executor.shutdownNow();
    }
}
