package io.pitwall.ui.tasks;

import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestSessions;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.demo.DemoDatabase;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.ErrorGroup;
import io.pitwall.queue.FailedTask;
import io.pitwall.queue.StuckItem;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stuck & failed screen, headless, on the demo database (seeded, workers off so it holds still). */
@ExtendWith(ApplicationExtension.class)
class TasksViewTest {

    private static DemoDatabase demo;
    private static MonitorSession session;
    private TasksView view;
    private TasksViewModel viewModel;

    @BeforeAll
    static void database() throws Exception {
        demo = DemoDatabase.start(0, 7);
        session = TestSessions.builtIn(demo.url());
    }

    @AfterAll
    static void close() {
        session.close();
        demo.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        viewModel = new TasksViewModel(io.pitwall.ui.common.FxExecutors.background("test-io"));
        view = new TasksView(viewModel);
        Scene scene = new Scene(view, 1500, 900);
        scene.getStylesheets().add(Objects.requireNonNull(
                TasksView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.show(session);
    }

    @Test
    void stuckListShowsRuleAndEvidenceAndDrillsIntoTheTask(FxRobot robot) throws Exception {
        TableView<StuckItem> table = robot.lookup("#stuck-table").queryTableView();
        waitFor(() -> table.getItems().stream().anyMatch(i -> i.rule().equals("lease-expired") && i.profileId().equals("shithub")));
        StuckItem lease = table.getItems().stream()
                .filter(i -> i.rule().equals("lease-expired") && i.profileId().equals("shithub")).findFirst().orElseThrow();
        assertTrue(lease.evidence().startsWith("lease held by shithub-worker-3:2210 for "), lease.evidence());
        assertTrue(lease.evidence().endsWith("(timeout 5 min)"), lease.evidence());
        assertTrue(table.getItems().stream().anyMatch(i -> i.rule().equals("stalled")), "cloud.gov stalled operations");

        robot.interact(() -> table.getSelectionModel().select(lease));
        waitFor(() -> robot.lookup("#detail-title").tryQuery().isPresent()
                && ((Label) robot.lookup("#detail-title").query()).getText().equals("Task " + lease.id()));
        assertTrue(((Label) robot.lookup("#detail-state").query()).getText().startsWith("RUNNING  (processing)"));
        assertTrue(((TextArea) robot.lookup("#detail-payload").query()).getText().contains("\"repo_id\""));
        assertTrue(Csv.of(table).startsWith("Rule,Evidence,Kind,Id,Queue\r\n"));
    }

    @Test
    void failedListDrillsIntoTheErrorAndGroupsByFingerprint(FxRobot robot) throws Exception {
        robot.interact(() -> view.selectTab("tab-failed"));
        TableView<FailedTask> failed = robot.lookup("#failed-table").queryTableView();
        waitFor(() -> failed.getItems().stream().anyMatch(t -> t.error() != null));
        FailedTask withError = failed.getItems().stream().filter(t -> t.error() != null).findFirst().orElseThrow();
        int total = failed.getItems().size();

        robot.interact(() -> failed.getSelectionModel().select(withError));
        waitFor(() -> robot.lookup("#detail-error").tryQuery().isPresent()
                && ((TextArea) robot.lookup("#detail-error").query()).getText().equals(withError.error()));
        assertTrue(((Label) robot.lookup("#detail-state").query()).getText().startsWith("FAILED"));

        FxClicks.click(robot, "#failed-group");
        TableView<ErrorGroup> groups = robot.lookup("#groups-table").queryTableView();
        waitFor(() -> !groups.getItems().isEmpty());
        assertEquals(total, groups.getItems().stream().mapToLong(ErrorGroup::count).sum(), "every failure in one group");
        for (int i = 1; i < groups.getItems().size(); i++) {
            assertTrue(groups.getItems().get(i - 1).count() >= groups.getItems().get(i).count(), "largest first");
        }
        assertTrue(groups.isVisible() && !failed.isVisible());
        // Each group says where its failures are: one message in two queues reads as two queues, not a duplicate.
        @SuppressWarnings("unchecked")
        var queueColumn = (javafx.scene.control.TableColumn<ErrorGroup, String>) groups.getColumns().stream()
                .filter(c -> "group-queue-column".equals(c.getId())).findFirst().orElseThrow();
        assertEquals("Queue", queueColumn.getText());
        for (ErrorGroup group : groups.getItems()) {
            assertEquals(group.profileId() + " · " + String.join(", ", group.queues()), queueColumn.getCellData(group));
            assertTrue(!group.queues().isEmpty());
        }
    }

    @Test
    void filtersNarrowTheFailedListByKindInTheDatabase(FxRobot robot) throws Exception {
        robot.interact(() -> view.selectTab("tab-failed"));
        TableView<FailedTask> failed = robot.lookup("#failed-table").queryTableView();
        waitFor(() -> !failed.getItems().isEmpty());
        String kind = failed.getItems().getFirst().kind();
        robot.interact(() -> viewModel.filters().kind.set(kind));
        waitFor(() -> !failed.getItems().isEmpty() && failed.getItems().stream().allMatch(t -> kind.equals(t.kind())));
        assertTrue(viewModel.stuck().stream().allMatch(i -> kind.equals(i.kind())));
    }

    @Test
    void workersShowLeaseHoldersQuietestFirst(FxRobot robot) throws Exception {
        robot.interact(() -> view.selectTab("tab-workers"));
        waitFor(() -> viewModel.workers().stream().anyMatch(w -> w.worker().equals("shithub-worker-3:2210")));
        var crashed = viewModel.workers().stream().filter(w -> w.worker().equals("shithub-worker-3:2210")).findFirst().orElseThrow();
        assertEquals(2, crashed.holding());
        assertTrue(viewModel.workers().stream().noneMatch(w -> w.profileId().equals("cloudgov-broker")),
                "cloud.gov's owner is a service instance, not a worker");
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        // Checked on the FX thread: the lists and nodes change there while the screen polls.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
