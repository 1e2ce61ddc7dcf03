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
        Thread.sleep((long) DashboardViewModel.STUCK_REFRESH.toMillis() + 500);
        assertTrue(alerts.stream().noneMatch(a -> a.profileId().equals("shithub")),
                "stuck when the console opened: the card shows it, no notice for what was already so");

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
    }

    @Test
    void aTaskTwoRulesHitCountsOnceAndBecomingStuckRaisesOneAlert(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#stuck-dsa110-absurd-absurd_t_tasks").tryQuery().isPresent()
                && viewModel.cardList().stream().allMatch(c -> c.trendProperty().get() != null));
        Thread.sleep((long) DashboardViewModel.STUCK_REFRESH.toMillis() + 500);
        assertEquals("0", label(robot, "#stuck-dsa110-absurd-absurd_t_tasks"));
        // Claimed a day ago and never a heartbeat: both of dsa110's rules (heartbeat-stale, claimed-too-long) hit it.
        db.execute("INSERT INTO absurd.t_tasks (queue_name, task_name, status, claimed_at) "
                + "VALUES ('dsa110-pipeline', 'imaging', 'claimed', now() - interval '1 day')");
        waitFor(() -> viewModel.cardList().stream().filter(c -> c.profileId().equals("dsa110-absurd")).findFirst()
                .orElseThrow().stuckProperty().get().size() >= 2);
        List<StuckItem> items = viewModel.cardList().stream().filter(c -> c.profileId().equals("dsa110-absurd"))
                .findFirst().orElseThrow().stuckProperty().get();
        assertEquals(List.of("claimed-too-long", "heartbeat-stale"), items.stream().map(StuckItem::rule).sorted().toList());
        waitFor(() -> label(robot, "#stuck-dsa110-absurd-absurd_t_tasks").equals("1"));
        waitFor(() -> alerts.stream().anyMatch(a -> a.profileId().equals("dsa110-absurd") && a.crossed().contains("1 stuck")));
        Thread.sleep((long) DashboardViewModel.STUCK_REFRESH.toMillis() + 500);
        assertEquals(1, alerts.stream().filter(a -> a.profileId().equals("dsa110-absurd")).count(), "raised once, not every refresh");
        db.execute("UPDATE absurd.t_tasks SET status = 'completed' WHERE status = 'claimed' AND claimed_at < now() - interval '2 hours'");
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        // Checked on the FX thread: the lists and nodes change there while the screen polls.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
