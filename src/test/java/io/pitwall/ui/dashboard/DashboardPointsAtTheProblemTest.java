package io.pitwall.ui.dashboard;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.SkeletonFixture;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.StuckItem;
import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestDatabase;
import io.pitwall.testing.TestSessions;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard points at the problem: the queue with a stuck task comes first and is marked, every number opens
 * its list, a crossed threshold raises an alert once, and a task two rules hit counts once.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardPointsAtTheProblemTest {

    private static TestDatabase db;
    private static MonitorSession session;
    private DashboardViewModel viewModel;
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final List<DashboardViewModel.Alert> alerts = new CopyOnWriteArrayList<>();

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
        viewModel = new DashboardViewModel(FxExecutors.background("test-io"));
        viewModel.addAlertListener(alerts::add);
        DashboardView view = new DashboardView(viewModel);
        view.setListOpener(new ListOpener() {
            @Override
            public void stuck(String profileId, String where) {
                opened.add("stuck " + profileId + " " + where);
            }

            @Override
            public void state(String profileId, String where, CanonicalState state) {
                opened.add(state + " " + profileId + " " + where);
            }

            @Override
            public void kinds(String profileId, String where) {
                opened.add("kinds " + profileId + " " + where);
            }
        });
        Scene scene = new Scene(view, 1400, 900);
        scene.getStylesheets().add(Objects.requireNonNull(DashboardView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.show(session);
    }

    @Test
    void theStuckQueueComesFirstMarkedAndItsNumbersOpenTheirLists(FxRobot robot) throws Exception {
        // The fixture's w2:43 has held its lease for 9 minutes; shithub's lease timeout is 5.
        waitFor(() -> robot.lookup("#stuck-shithub-shithub_jobs").tryQuery().isPresent()
                && label(robot, "#stuck-shithub-shithub_jobs").equals("1"));
        waitFor(() -> viewModel.cards().getFirst().profileId().equals("shithub"));
        Node first = robot.lookup(".queue-card").queryAll().iterator().next();
        assertEquals("shithub", ((QueueCardModel) first.getUserData()).profileId(), "the card with a stuck task leads");
        assertTrue(first.getPseudoClassStates().contains(PseudoClass.getPseudoClass("alert")), "and is marked");
        assertTrue(label(robot, "#alert-shithub-shithub_jobs").contains("1 stuck"));
        waitFor(() -> alerts.stream().anyMatch(a -> a.profileId().equals("shithub") && a.crossed().contains("1 stuck")));

        FxClicks.click(robot, "#stuck-shithub-shithub_jobs");
        FxClicks.click(robot, "#count-shithub-shithub_jobs-FAILED");
        FxClicks.click(robot, "#count-shithub-shithub_jobs-PAUSED");
        FxClicks.click(robot, "#kinds-link-shithub-shithub_jobs");
        waitFor(() -> opened.size() == 4);
        assertEquals(List.of("stuck shithub shithub.jobs", "FAILED shithub shithub.jobs", "PAUSED shithub shithub.jobs",
                "kinds shithub shithub.jobs"), opened);

        // The keyboard reaches the same: focus the number, Enter.
        robot.interact(() -> robot.lookup("#count-shithub-shithub_jobs-QUEUED").query().getParent().getParent().requestFocus());
        robot.type(KeyCode.ENTER);
        waitFor(() -> opened.size() == 5);
        assertEquals("QUEUED shithub shithub.jobs", opened.getLast());
        assertEquals(1, alerts.stream().filter(a -> a.profileId().equals("shithub")
                && a.crossed().stream().anyMatch(c -> c.contains("stuck"))).count(), "raised once, not every refresh");
    }

    @Test
    void aTaskTwoRulesHitCountsOnceWithBothRulesListed(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#stuck-shithub-shithub_jobs").tryQuery().isPresent());
        StuckItem lease = new StuckItem("shithub", "shithub.jobs", "task", "43", "repo.push", "w2:43", "lease-expired",
                "lease held for 9 min", Instant.now(), Duration.ofMinutes(9), Duration.ofMinutes(5));
        StuckItem quiet = new StuckItem("shithub", "shithub.jobs", "task", "43", "repo.push", "w2:43", "no-heartbeat",
                "no heartbeat for 9 min", Instant.now(), Duration.ofMinutes(9), Duration.ofMinutes(5));
        String[] shown = new String[2];
        robot.interact(() -> {
            viewModel.applyStuck(List.of(lease, quiet));
            shown[0] = label(robot, "#stuck-shithub-shithub_jobs");
            shown[1] = String.valueOf(viewModel.stuckTotalProperty().get());
        });
        assertEquals("1", shown[0], "18 items for 17 tasks was the bug: one task, one count");
        assertEquals("1", shown[1]);
        assertEquals(List.of("lease-expired", "no-heartbeat"),
                Severity.byTask(List.of(lease, quiet)).get("task 43").stream().map(StuckItem::rule).toList());
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        // Checked on the FX thread: the lists and nodes change there while the screen polls.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
