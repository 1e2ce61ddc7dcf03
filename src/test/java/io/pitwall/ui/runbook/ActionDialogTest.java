package io.pitwall.ui.runbook;

import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestSessions;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.kinds.KindRow;
import io.pitwall.ui.kinds.KindsView;
import io.pitwall.ui.kinds.KindsViewModel;
import javafx.scene.input.KeyCode;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One action end to end through the confirm dialog, opened from the keyboard on a kind's row of Queues & kinds. */
@ExtendWith(ApplicationExtension.class)
class ActionDialogTest {

    private ActionFixture f;
    private MonitorSession session;

    @Start
    void start(Stage stage) throws Exception {
        f = new ActionFixture("dsa110-absurd");
        f.db.execute("""
                INSERT INTO absurd.t_tasks (queue_name, task_name, status, error, completed_at)
                SELECT 'dsa110-pipeline', 'imaging', 'failed', 'No calibrator registered for Dec +41', now() FROM generate_series(1, 25);
                INSERT INTO absurd.t_tasks (queue_name, task_name, status, error) VALUES ('dsa110-pipeline', 'mosaic', 'failed', 'SEVERE');
                """);
        session = TestSessions.builtIn(f.db.url());
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        var executor = FxExecutors.background("test-io");
        KindsViewModel viewModel = new KindsViewModel(executor);
        Scene scene = new Scene(new KindsView(viewModel, new ActionLauncher(executor, viewModel::session)), 1400, 900);
        scene.getStylesheets().add(Objects.requireNonNull(
                KindsView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        viewModel.show(session);
        stage.show();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void retryFailedOfOneKindThroughTheDialog(FxRobot robot) throws Exception {
        TableView<KindRow> kinds = robot.lookup("#kinds-table").queryTableView();
        waitFor(() -> kinds.getItems().stream().anyMatch(r -> r.kind().equals("imaging")));
        FxClicks.click(robot, "imaging");
        // The keyboard's way to the row's actions: Shift+F10 opens the menu beside the selected row.
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        waitFor(() -> kinds.getContextMenu().isShowing());
        assertEquals("Retry the failed tasks of imaging…", kinds.getContextMenu().getItems().getFirst().getText());
        FxClicks.click(robot, "Retry the failed tasks of imaging…");

        waitFor(() -> robot.lookup("#action-headline").tryQuery().isPresent()
                && text(robot, "#action-headline").startsWith("Retry 25"));
        assertEquals("Retry 25 failed tasks of kind imaging", text(robot, "#action-headline"));
        assertEquals(25, robot.lookup("#preview-rows").queryAs(TableView.class).getItems().size());
        assertTrue(robot.lookup("#action-sql").queryTextInputControl().getText().contains("FOR UPDATE OF t SKIP LOCKED"));
        Button apply = robot.lookup("#action-apply").queryAs(Button.class);
        assertTrue(apply.isDisabled(), "no reason yet");

        FxClicks.click(robot, "#action-reason").write("INC-123 calibrator table restored");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(apply.isDisabled(), "25 rows is a large change: the count must be typed");
        FxClicks.click(robot, "#action-typed-count").write("24");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(apply.isDisabled(), "a wrong count does not confirm");
        robot.interact(() -> robot.lookup("#action-typed-count").queryTextInputControl().clear());
        FxClicks.click(robot, "#action-typed-count").write("25");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!apply.isDisabled());
        assertEquals("Retry 25", apply.getText());
        assertEquals("25", f.value("SELECT count(*) FROM absurd.t_tasks WHERE status = 'failed' AND task_name = 'imaging'"),
                "nothing changed before the confirm");

        FxClicks.click(robot, "#action-apply");
        waitFor(() -> text(robot, "#action-message").startsWith("Applied"));
        assertTrue(text(robot, "#action-message").startsWith("Applied 25 of 25, skipped 0"), text(robot, "#action-message"));
        assertEquals("25", f.value("SELECT count(*) FROM absurd.t_tasks WHERE status = 'pending' AND task_name = 'imaging'"));
        assertEquals("failed", f.value("SELECT status FROM absurd.t_tasks WHERE task_name = 'mosaic'"));
        assertEquals("INC-123 calibrator table restored", f.value("SELECT reason FROM pitwall.audit_log"));
        assertEquals("Close", robot.lookup("#action-close").queryAs(Button.class).getText());
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        // Checked on the FX thread: the lists and nodes change there while the screen polls.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
