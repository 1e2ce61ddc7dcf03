package io.pitwall.ui.runbook;

import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestSessions;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.tasks.TasksView;
import io.pitwall.ui.tasks.TasksViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A right click on a stuck task opens the action's confirm dialog for that one task. */
@ExtendWith(ApplicationExtension.class)
class RowActionsTest {

    private ActionFixture f;
    private MonitorSession session;

    @Start
    void start(Stage stage) throws Exception {
        f = new ActionFixture("shithub");
        f.db.execute("INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES "
                + "(41, 'search.reindex', 'processing', 'web1:4242', now() - interval '20 minutes')");
        session = TestSessions.builtIn(f.db.url());
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        var executor = FxExecutors.background("test-io");
        TasksViewModel viewModel = new TasksViewModel(executor);
        Scene scene = new Scene(new TasksView(viewModel, new ActionLauncher(executor, viewModel::session)), 1400, 900);
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
    void forceReleaseAStuckJobFromItsRow(FxRobot robot) throws Exception {
        TableView<?> table = robot.lookup("#stuck-table").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("web1:4242").tryQuery().isPresent());
        FxClicks.click(robot, "web1:4242");
        // Monocle does not turn a secondary click into a context-menu request, so show the table's menu as one would.
        robot.interact(() -> {
            var cell = robot.lookup("web1:4242").query();
            var bounds = cell.localToScreen(cell.getBoundsInLocal());
            table.getContextMenu().show(table, bounds.getCenterX(), bounds.getCenterY());
        });
        WaitForAsyncUtils.waitForFxEvents();
        FxClicks.click(robot, "Force re-lease — task 41…");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#action-headline").tryQuery()
                .map(n -> ((Label) n).getText().startsWith("Release 1")).orElse(false));
        FxClicks.click(robot, "#action-reason").write("worker web1 was OOM-killed");
        FxClicks.click(robot, "#action-apply");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#action-message").queryAs(Label.class)
                .getText().startsWith("Applied"));
        assertTrue(robot.lookup("#action-message").queryAs(Label.class).getText().startsWith("Applied 1 of 1"));
        assertEquals("queued", f.value("SELECT state FROM shithub.jobs WHERE id = 41"));
        assertEquals(null, f.value("SELECT leased_by FROM shithub.jobs WHERE id = 41"));
    }
}
