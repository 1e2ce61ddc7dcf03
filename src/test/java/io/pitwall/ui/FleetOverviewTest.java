package io.pitwall.ui;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.SavedChecks;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.fleet.FleetEntry;
import io.pitwall.monitor.fleet.FleetHealth;
import io.pitwall.monitor.fleet.FleetWatcher;
import io.pitwall.monitor.fleet.SavedFleet;
import io.pitwall.monitor.health.HealthFixture;
import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestDatabase;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.connect.ConnectRequest;
import io.pitwall.ui.dashboard.DashboardScreen;
import io.pitwall.ui.fleet.FleetScreen;
import io.pitwall.ui.runbook.ActionOutcomes;
import io.pitwall.ui.shell.Screen;
import io.pitwall.ui.shell.ShellView;
import io.pitwall.ui.shell.ShellViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 7 in the window: the fleet overview lists every saved connection worst first, with its colour and
 * health, while one of them is down; a click or Enter opens a connection's dashboard through the safe switch, and a
 * connection that cannot be opened leaves the window where it was.
 */
@ExtendWith(ApplicationExtension.class)
class FleetOverviewTest {

    @TempDir
    static Path config;

    private static TestDatabase troubled;
    private static TestDatabase healthy;
    private static int refusedPort;

    private ShellViewModel shell;
    private ShellView view;
    private Stage stage;
    private FleetScreen fleet;
    private DashboardScreen dashboard;

    @BeforeAll
    static void databases() throws Exception {
        troubled = HealthFixture.create();
        healthy = TestDatabase.fresh();
        try (InputStream in = FleetOverviewTest.class.getResourceAsStream("/io/pitwall/demo/shithub.sql")) {
            healthy.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (ServerSocket probe = new ServerSocket(0)) {
            refusedPort = probe.getLocalPort();
        }
        SavedConnections saved = new SavedConnections(config.resolve("connections.json"));
        saved.remember(new ConnectionIdentity("billing-staging", "staging", null, false, null),
                TargetResolver.fromSystem().resolve(healthy.url()));
        saved.remember(new ConnectionIdentity("orders-prod", "production", null, false, null),
                TargetResolver.fromSystem().resolve(troubled.url()));
        saved.remember(new ConnectionIdentity("old-reports", "production", "#6a1b9a", false, null),
                TargetResolver.fromSystem().resolve("postgresql://postgres@127.0.0.1:" + refusedPort + "/reports"));
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        var executor = FxExecutors.background("test-io");
        SavedConnections saved = new SavedConnections(config.resolve("connections.json"));
        shell = new ShellViewModel(executor, saved);
        dashboard = new DashboardScreen(executor);
        fleet = new FleetScreen(executor, () -> SavedFleet.watcher(saved, new SavedChecks(config.resolve("checks.json")),
                FleetWatcher.Settings.DEFAULT));
        List<Screen> screens = List.of(dashboard, fleet);
        view = new ShellView(shell, screens, () -> { });
        ScreenLinks.link(screens, view, new ActionOutcomes());
        Scene scene = new Scene(view, 1366, 768);
        scene.getStylesheets().add(Objects.requireNonNull(ShellView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(shell.windowTitleProperty());
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> view.select(dashboard));
        robot.interact(shell::shutdown);
    }

    private List<FleetEntry> cards(FxRobot robot) {
        AtomicReference<List<FleetEntry>> shown = new AtomicReference<>();
        robot.interact(() -> shown.set(robot.lookup("#fleet-cards").queryAs(VBox.class).getChildren().stream()
                .map(n -> (FleetEntry) n.getUserData()).toList()));
        return shown.get();
    }

    private String text(FxRobot robot, String id) {
        AtomicReference<String> text = new AtomicReference<>();
        robot.interact(() -> text.set(robot.lookup(id).queryAs(Label.class).getText()));
        return text.get();
    }

    @Test
    void theOverviewShowsEveryConnectionWorstFirstAndOpensOne(FxRobot robot) throws Exception {
        AtomicReference<String> opened = new AtomicReference<>();
        robot.interact(() -> shell.open(new ConnectRequest(healthy.url(), null, false, "billing-staging", "staging",
                null, false, null), opened::set, () -> opened.set("ok")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "ok".equals(opened.get()));

        FxClicks.click(robot, "#nav-fleet");
        // The down database takes the pool's 3 s wait to be judged; meanwhile the window answers at once.
        long started = System.nanoTime();
        robot.interact(() -> { });
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1000, "the FX thread is not held");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> cards(robot).size() == 3
                && cards(robot).getFirst().health() == FleetHealth.UNREACHABLE);

        List<String> order = cards(robot).stream().map(FleetEntry::name).toList();
        assertEquals(List.of("old-reports", "orders-prod", "billing-staging"), order);
        assertEquals("UNREACHABLE", text(robot, "#fleet-health-old-reports"));
        assertTrue(text(robot, "#fleet-problem-old-reports").toLowerCase().contains("refused"),
                text(robot, "#fleet-problem-old-reports"));
        assertEquals("OK", text(robot, "#fleet-health-orders-prod"));
        assertTrue(text(robot, "#fleet-figures-orders-prod").startsWith("2 stuck · 10 failed · 5 queued · oldest queued 30"),
                text(robot, "#fleet-figures-orders-prod"));
        assertTrue(text(robot, "#fleet-summary").startsWith("3 connections · 1 unreachable"), text(robot, "#fleet-summary"));
        AtomicReference<String> stripe = new AtomicReference<>();
        robot.interact(() -> stripe.set(robot.lookup("#fleet-orders-prod .fleet-stripe").query().getStyle()));
        assertTrue(stripe.get().contains(ConnectionIdentity.defaultColour("production")), stripe.get());
        assertTrue(robot.lookup("#fleet-billing-staging .fleet-current").tryQuery().isPresent(),
                "the window's own database is marked");

        // A click on the down one: the safe switch tests it, refuses, and the window stays where it was.
        FxClicks.click(robot, "#fleet-old-reports");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !notices(robot).isEmpty());
        assertTrue(notices(robot).getFirst().startsWith("Could not open old-reports"), notices(robot).toString());
        assertEquals("Pitwall — billing-staging (staging)", stage.getTitle());

        // Keyboard: Down from the first card to orders-prod, Enter opens its dashboard.
        robot.interact(() -> robot.lookup("#fleet-old-reports").queryAs(Button.class).requestFocus());
        robot.type(KeyCode.DOWN);
        AtomicReference<Object> focused = new AtomicReference<>();
        robot.interact(() -> focused.set(stage.getScene().getFocusOwner().getUserData()));
        assertEquals("orders-prod", ((FleetEntry) focused.get()).name());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> stage.getTitle().equals("Pitwall — orders-prod (production)"));
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<Boolean> onDashboard = new AtomicReference<>();
        robot.interact(() -> onDashboard.set(dashboard.view().getScene() != null && fleet.view().getScene() == null));
        assertTrue(onDashboard.get(), "the dashboard shows, the fleet stopped polling");
        assertEquals(troubled.name(), shell.sessionProperty().get().pools().target().database());
    }

    private List<String> notices(FxRobot robot) {
        AtomicReference<List<String>> texts = new AtomicReference<>();
        robot.interact(() -> texts.set(view.notices().getChildren().stream()
                .map(n -> ((Label) ((javafx.scene.layout.HBox) n).getChildren().get(1)).getText() + ": "
                        + ((Label) ((javafx.scene.layout.HBox) n).getChildren().get(2)).getText()).toList()));
        return texts.get();
    }
}
