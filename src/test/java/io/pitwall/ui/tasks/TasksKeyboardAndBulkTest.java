package io.pitwall.ui.tasks;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.FailedTask;
import io.pitwall.queue.StuckItem;
import io.pitwall.queue.WorkerSummary;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestSessions;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.runbook.ActionOutcomes;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stuck & failed screen from the keyboard and in bulk, on shithub's real jobs table: Shift+F10 opens a row's
 * actions, the selection survives the 5 s refresh, the refresh pauses, several rows and "everything matching" go
 * through one confirm dialog, and the lists read again once the action ended.
 */
@ExtendWith(ApplicationExtension.class)
class TasksKeyboardAndBulkTest {

    private ActionFixture f;
    private MonitorSession session;
    private TasksViewModel viewModel;
    private final AtomicReference<ActionOutcomes.Outcome> lastOutcome = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        f = new ActionFixture("shithub");
        f.db.execute("""
                INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES
                  (41, 'search.reindex', 'processing', 'web1:4242', now() - interval '20 minutes'),
                  (42, 'search.reindex', 'processing', 'web1:4242', now() - interval '21 minutes'),
                  (43, 'repo.push', 'processing', 'web1:4242', now() - interval '22 minutes');
                INSERT INTO shithub.jobs (id, kind, state, last_error, updated_at)
                SELECT 100 + g, 'repo.push', 'failed', 'disk full', now() - g * interval '1 minute' FROM generate_series(1, 30) g;
                INSERT INTO shithub.jobs (id, kind, state, last_error) SELECT 200 + g, 'mail.send', 'failed', 'smtp' FROM generate_series(1, 5) g;
                """);
        session = TestSessions.builtIn(f.db.url());
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        ActionOutcomes outcomes = new ActionOutcomes();
        outcomes.addListener(lastOutcome::set);
        TasksScreen screen = new TasksScreen(FxExecutors.background("test-io"), outcomes);
        viewModel = screen.viewModel();
        Scene scene = new Scene((Parent) screen.view(), 1500, 900);
        scene.getStylesheets().add(Objects.requireNonNull(TasksView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        screen.show(session);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void shiftF10OpensTheRowsActionsAndTheSelectionSurvivesRefresh(FxRobot robot) throws Exception {
        TableView<StuckItem> stuck = robot.lookup("#stuck-table").queryTableView();
        waitFor(() -> stuck.getItems().size() == 3);
        FxClicks.click(robot, "#stuck-table");
        robot.interact(() -> stuck.getSelectionModel().clearAndSelect(
                stuck.getItems().indexOf(stuck.getItems().stream().filter(i -> i.id().equals("42")).findFirst().orElseThrow())));
        Instant before = viewModel.lastRefreshedProperty().get();
        waitFor(() -> viewModel.lastRefreshedProperty().get() != null && !viewModel.lastRefreshedProperty().get().equals(before));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("42", stuck.getSelectionModel().getSelectedItem().id(), "the refresh kept the operator's row");

        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        waitFor(() -> stuck.getContextMenu().isShowing());
        assertEquals("Force re-lease — task 42…", stuck.getContextMenu().getItems().getFirst().getText());
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void pausedRefreshHoldsTheListUntilResumed(FxRobot robot) throws Exception {
        TableView<StuckItem> stuck = robot.lookup("#stuck-table").queryTableView();
        waitFor(() -> stuck.getItems().size() == 3);
        FxClicks.click(robot, "#tasks-pause");
        assertTrue(robot.lookup("#tasks-pause").queryAs(ToggleButton.class).isSelected());
        f.db.execute("INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES "
                + "(44, 'repo.push', 'processing', 'web2:1', now() - interval '30 minutes')");
        Thread.sleep((long) (TasksViewModel.REFRESH.toMillis() * 1.6));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, stuck.getItems().size(), "paused: the list holds still");
        assertTrue(robot.lookup("#tasks-refreshed").queryAs(Label.class).getText().endsWith("refresh paused"));
        FxClicks.click(robot, "#tasks-pause");
        waitFor(() -> stuck.getItems().size() == 4);
    }

    @Test
    void severalRowsGoThroughOneDialogAndTheListReadsAgainAfterwards(FxRobot robot) throws Exception {
        TableView<StuckItem> stuck = robot.lookup("#stuck-table").queryTableView();
        waitFor(() -> stuck.getItems().size() == 3);
        // Refresh paused: only the action's own refresh can make the rows go.
        FxClicks.click(robot, "#tasks-pause");
        FxClicks.click(robot, "#stuck-table");
        robot.interact(() -> {
            stuck.getSelectionModel().clearSelection();
            for (int i = 0; i < stuck.getItems().size(); i++) {
                if (!stuck.getItems().get(i).id().equals("42")) {
                    stuck.getSelectionModel().select(i);
                }
            }
        });
        robot.press(KeyCode.CONTEXT_MENU).release(KeyCode.CONTEXT_MENU);
        waitFor(() -> stuck.getContextMenu().isShowing());
        assertEquals("Force re-lease — 2 selected tasks…", stuck.getContextMenu().getItems().getFirst().getText());
        assertTrue(stuck.getContextMenu().getItems().stream().anyMatch(m -> "Force re-lease — every stuck task listed in shithub · shithub.jobs (3)…"
                .equals(m.getText())), "the wider choice is offered too");
        FxClicks.click(robot, "Force re-lease — 2 selected tasks…");
        waitFor(() -> robot.lookup("#action-headline").tryQuery().map(n -> ((Label) n).getText().startsWith("Release 2")).orElse(false));
        FxClicks.click(robot, "#action-reason").write("web1 was OOM-killed");
        FxClicks.click(robot, "#action-apply");
        waitFor(() -> lastOutcome.get() != null);
        assertEquals(2, lastOutcome.get().result().applied());
        assertTrue(lastOutcome.get().auditId() != null);
        waitFor(() -> stuck.getItems().size() == 1);
        assertEquals("42", stuck.getItems().getFirst().id());
        assertEquals("processing", f.value("SELECT state FROM shithub.jobs WHERE id = 42"));
        assertEquals("queued", f.value("SELECT state FROM shithub.jobs WHERE id = 43"));
    }

    @Test
    void everythingAWorkerHoldsAndEveryTaskMatchingTheFilter(FxRobot robot) throws Exception {
        robot.interact(() -> ((TasksView) robot.lookup(".tasks-screen").query()).selectTab("tab-workers"));
        TableView<WorkerSummary> workers = robot.lookup("#workers-table").queryTableView();
        waitFor(() -> workers.getItems().stream().anyMatch(w -> w.worker().equals("web1:4242")));
        // Held still, so a refresh under a loaded machine cannot land between the selection and the key.
        FxClicks.click(robot, "#tasks-pause");
        FxClicks.click(robot, "#workers-table");
        robot.interact(() -> workers.getSelectionModel().clearAndSelect(0));
        waitFor(() -> workers.getSelectionModel().getSelectedItem() != null);
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        waitFor(() -> workers.getContextMenu().isShowing());
        assertEquals("Force re-lease — the 3 tasks web1:4242 holds…", workers.getContextMenu().getItems().getFirst().getText());
        robot.type(KeyCode.ESCAPE);

        robot.interact(() -> {
            ((TasksView) robot.lookup(".tasks-screen").query()).selectTab("tab-failed");
            viewModel.filters().kind.set("repo.push");
            viewModel.reloadFailed();
        });
        TableView<FailedTask> failed = robot.lookup("#failed-table").queryTableView();
        waitFor(() -> failed.getItems().size() == 30 && failed.getItems().stream().allMatch(t -> t.kind().equals("repo.push")));
        FxClicks.click(robot, "#failed-table");
        robot.interact(() -> failed.getSelectionModel().clearAndSelect(0));
        robot.press(KeyCode.CONTEXT_MENU).release(KeyCode.CONTEXT_MENU);
        waitFor(() -> failed.getContextMenu().isShowing());
        String every = "Force re-lease — every failed task of shithub · shithub.jobs matching the filter (kind repo.push)…";
        assertTrue(failed.getContextMenu().getItems().stream().anyMatch(m -> every.equals(m.getText())),
                failed.getContextMenu().getItems().stream().map(m -> m.getText()).toList().toString());
        FxClicks.click(robot, every);
        TableView<?>[] rows = new TableView<?>[1];
        waitFor(() -> robot.lookup("#preview-rows").tryQuery().map(n -> {
            rows[0] = (TableView<?>) n;
            return !rows[0].getItems().isEmpty();
        }).orElse(false));
        assertEquals(30, rows[0].getItems().size(), "the 30 repo.push failures, not the 5 mail.send ones");
        assertTrue(robot.lookup("#action-apply").queryButton().isDisabled(),
                "a failed job is not processing: the guard refuses every row, nothing can be applied");
        List<String> states = List.of(f.value("SELECT count(*) FROM shithub.jobs WHERE state = 'failed'"));
        assertEquals(List.of("35"), states);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        // Checked on the FX thread: the lists and nodes change there while the screen polls.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
