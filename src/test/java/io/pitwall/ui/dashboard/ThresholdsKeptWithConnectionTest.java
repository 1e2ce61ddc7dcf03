package io.pitwall.ui.dashboard;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.connect.SavedChecks;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.SkeletonFixture;
import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestDatabase;
import io.pitwall.testing.TestSessions;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator edits a queue's thresholds on its card; they are kept in checks.json under the connection's name
 * (where {@code pitwall check --connection} reads them), judge the card at once, and are there after a restart.
 */
@ExtendWith(ApplicationExtension.class)
class ThresholdsKeptWithConnectionTest {

    private static final String CARD = "shithub-shithub_jobs";
    @TempDir
    static Path config;
    private static TestDatabase db;
    private static MonitorSession session;
    private Stage stage;

    @BeforeAll
    static void database() throws Exception {
        db = SkeletonFixture.create();
        session = TestSessions.builtIn(db.url());
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        this.stage = stage;
    }

    private DashboardViewModel open(FxRobot robot) {
        DashboardViewModel viewModel = new DashboardViewModel(FxExecutors.background("test-io"),
                new SavedChecks(config.resolve("checks.json")));
        robot.interact(() -> {
            Scene scene = new Scene(new DashboardView(viewModel), 1400, 900);
            scene.getStylesheets().add(Objects.requireNonNull(DashboardView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
            stage.setScene(scene);
            stage.show();
            viewModel.show(session);
        });
        return viewModel;
    }

    @Test
    void editedThresholdsJudgeTheCardAndSurviveARestart(FxRobot robot) throws Exception {
        DashboardViewModel first = open(robot);
        // The fixture's w2:43 has held its lease past shithub's timeout: one stuck, over the default "more than 0".
        waitFor(() -> text(robot, "#alert-" + CARD).contains("1 stuck") && marked(robot));
        assertEquals("Alerts: stuck > 0 · queued > 10 min · failed ≥ 6/min", text(robot, "#thresholds-" + CARD));

        FxClicks.click(robot, "#thresholds-" + CARD);
        waitFor(() -> robot.lookup("#threshold-stuck").tryQuery().isPresent());
        TextField stuck = robot.lookup("#threshold-stuck").queryAs(TextField.class);
        // A guard on the input: a value that is not a count cannot be saved, and the dialog says why.
        robot.interact(() -> stuck.setText("two"));
        assertTrue(robot.lookup("#threshold-save").query().isDisabled());
        assertTrue(text(robot, "#threshold-error").contains("Stuck tasks: 'two' is not a whole number"));
        robot.interact(() -> {
            stuck.setText("1");
            robot.lookup("#threshold-oldest").queryAs(TextField.class).setText("45m");
            robot.lookup("#threshold-failures").queryAs(TextField.class).setText("21"); // reaching 21 a minute
        });
        assertFalse(robot.lookup("#threshold-save").query().isDisabled());
        FxClicks.click(robot, "#threshold-save");

        waitFor(() -> !marked(robot));
        assertEquals("Alerts: stuck > 1 · queued > 45 min · failed ≥ 21/min", text(robot, "#thresholds-" + CARD));
        String name = session.pools().identity().name();
        var saved = new SavedChecks(config.resolve("checks.json")).forConnection(name);
        assertEquals(List.of("shithub/shithub.jobs=2"), saved.get("stuck"), "kept as check's warning: more than 1 is 2");
        assertEquals(List.of("shithub/shithub.jobs=45m"), saved.get("oldest-queued"));
        assertEquals(List.of("shithub/shithub.jobs=21"), saved.get("failures-per-minute"));
        QueueCardModel card = cardOf(first);
        assertEquals(new QueueThresholds(1, Duration.ofMinutes(45), 20), card.thresholdsProperty().get());
        // Other queues keep the defaults.
        assertTrue(first.cardList().stream().filter(c -> c != card)
                .allMatch(c -> c.thresholdsProperty().get().equals(QueueThresholds.DEFAULT)));
        robot.interact(first::stop);

        // A restart: a new view model reads the same file for the same connection.
        DashboardViewModel second = open(robot);
        waitFor(() -> robot.lookup("#thresholds-" + CARD).tryQuery().isPresent()
                && text(robot, "#thresholds-" + CARD).equals("Alerts: stuck > 1 · queued > 45 min · failed ≥ 21/min"));
        Thread.sleep((long) DashboardViewModel.STUCK_REFRESH.toMillis() + 500);
        assertFalse(marked(robot), "one stuck is not more than 1");
        robot.interact(second::stop);
    }

    @Test
    void aChecksFileItCannotReadIsSaidAndTheDefaultsApply(FxRobot robot) throws Exception {
        Files.writeString(config.resolve("checks.json"), "{\"x\": [");
        DashboardViewModel viewModel = open(robot);
        waitFor(() -> robot.lookup("#thresholds-banner").query().isVisible());
        assertTrue(viewModel.thresholdsProblemProperty().get().contains("checks.json"), viewModel.thresholdsProblemProperty().get());
        waitFor(() -> robot.lookup("#alert-" + CARD).tryQuery().isPresent() && marked(robot));
        Files.delete(config.resolve("checks.json"));
        robot.interact(viewModel::stop);
    }

    private static QueueCardModel cardOf(DashboardViewModel viewModel) {
        return viewModel.cardList().stream().filter(c -> c.profileId().equals("shithub")).findFirst().orElseThrow();
    }

    private static boolean marked(FxRobot robot) {
        return robot.lookup(".queue-card").queryAll().stream()
                .filter(n -> ((QueueCardModel) n.getUserData()).profileId().equals("shithub"))
                .map(Node::getPseudoClassStates).anyMatch(p -> p.contains(PseudoClass.getPseudoClass("alert")));
    }

    private static String text(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        return node instanceof Hyperlink link ? link.getText() : ((Label) node).getText();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
