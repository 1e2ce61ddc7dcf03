package io.pitwall.ui.runbook;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.FailedTask;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.testing.TestSessions;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.tasks.TasksView;
import io.pitwall.ui.tasks.TasksViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failed row's menu offers what its guards let through and says why the rest does not apply; the row's kind can
 * be paused from it; what ends work (Discard) comes last, and only it is red. On shithub at migration 0018, whose
 * jobs table has no state column: failed_at, locked_at and run_at say it (shithub's internal/jobs, per the profile).
 */
@ExtendWith(ApplicationExtension.class)
class RowMenuFitsTheRowTest {

    private ActionFixture f;
    private MonitorSession session;
    private TasksView view;

    @Start
    void start(Stage stage) throws Exception {
        f = new ActionFixture("shithub-0018");
        f.db.execute("""
                INSERT INTO shithub0018.jobs (id, kind, attempts, last_error, failed_at) VALUES
                  (50, 'repo:index_code', 5, 'index: read blob: context canceled', now() - interval '3 minutes');
                INSERT INTO shithub0018.jobs (id, kind) VALUES (51, 'repo:index_code');
                """);
        session = TestSessions.builtIn(f.db.url());
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        var executor = FxExecutors.background("test-io");
        TasksViewModel viewModel = new TasksViewModel(executor);
        view = new TasksView(viewModel, new ActionLauncher(executor, viewModel::session));
        Scene scene = new Scene(view, 1400, 900);
        scene.getStylesheets().add(Objects.requireNonNull(TasksView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.show(session);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void aFailedRowOffersWhatAppliesAndSaysWhyNotForTheRest(FxRobot robot) throws Exception {
        robot.interact(() -> view.selectTab("tab-failed"));
        TableView<FailedTask> table = robot.lookup("#failed-table").queryTableView();
        waitFor(() -> table.getItems().stream().anyMatch(t -> t.id().equals("50")));
        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(table.getItems().stream().filter(t -> t.id().equals("50")).findFirst().orElseThrow());
            // Monocle does not turn a secondary click into a context-menu request: show the menu as one would.
            var bounds = table.localToScreen(table.getBoundsInLocal());
            table.getContextMenu().show(table, bounds.getCenterX(), bounds.getCenterY());
        });
        ContextMenu menu = table.getContextMenu();
        // The previews answer off the FX thread: Force re-lease is refused for a job that failed.
        waitFor(() -> item(menu, "row-act-force-release").isDisable());

        MenuItem retry = item(menu, "row-act-retry");
        assertEquals("Retry failed jobs — task 50…", retry.getText());
        assertFalse(retry.isDisable(), "a failed job can be retried");
        assertEquals("Force re-lease — task 50: does not apply: job is failed", item(menu, "row-act-force-release").getText());

        MenuItem pause = item(menu, "row-act-kind-pause-kind");
        assertEquals("Pause a kind — every repo:index_code task…", pause.getText());
        waitFor(() -> item(menu, "row-act-kind-resume-kind").isDisable());
        assertFalse(pause.isDisable(), "job 51 of the kind is queued: the kind can be paused");
        assertTrue(item(menu, "row-act-kind-resume-kind").getText().contains("does not apply"), "nothing of the kind is paused");

        MenuItem discard = item(menu, "row-act-discard");
        int at = menu.getItems().indexOf(discard);
        // Last of the row's entries: after it only the wider choice ("every failed task matching the filter") follows.
        assertTrue(at == menu.getItems().size() - 1 || menu.getItems().get(at + 1) instanceof SeparatorMenuItem,
                "what ends work comes last");
        assertTrue(menu.getItems().subList(0, at).stream().noneMatch(i -> i.getText() != null && i.getText().contains("matching")));
        assertTrue(menu.getItems().get(at - 1) instanceof SeparatorMenuItem, "set apart from the rest");
        assertTrue(menu.getItems().indexOf(retry) < menu.getItems().indexOf(pause) && menu.getItems().indexOf(pause) < at);
        assertTrue(discard.getText().startsWith("Discard (mark failed) — task 50: does not apply: job is already failed"),
                discard.getText());
        List<MenuItem> red = menu.getItems().stream().filter(i -> i.getStyleClass().contains("destructive-item")).toList();
        assertTrue(red.contains(discard));
        assertTrue(red.stream().allMatch(i -> i.getText().startsWith("Discard")), "only the destructive entries are red: " + red);
        assertFalse(retry.getStyleClass().contains(atlantafx.base.theme.Styles.DANGER));
        robot.interact(menu::hide);

        // Chosen, an entry that applies opens its confirm dialog for the row.
        robot.interact(() -> {
            var bounds = table.localToScreen(table.getBoundsInLocal());
            table.getContextMenu().show(table, bounds.getCenterX(), bounds.getCenterY());
        });
        waitFor(() -> item(menu, "row-act-retry") != null);
        robot.interact(() -> item(menu, "row-act-retry").fire());
        waitFor(() -> robot.lookup("#action-headline").tryQuery().isPresent());
    }

    private static MenuItem item(ContextMenu menu, String id) {
        return menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElse(null);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            try {
                return condition.call();
            } catch (NullPointerException e) {
                return false;
            }
        }).get());
    }
}
