package io.pitwall.ui.runbook;

import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestSessions;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.dashboard.DashboardView;
import io.pitwall.ui.dashboard.DashboardViewModel;
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

/** One action end to end through the confirm dialog, opened from a kind's row on the dashboard. */
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
        DashboardViewModel viewModel = new DashboardViewModel(executor);
        Scene scene = new Scene(new DashboardView(viewModel, new ActionLauncher(executor, viewModel::session)), 1400, 900);
        scene.getStylesheets().add(Objects.requireNonNull(
                DashboardView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.show(session);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void retryFailedOfOneKindThroughTheDialog(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("By kind (2)").tryQuery().isPresent());
        FxClicks.click(robot, "By kind (2)");
        waitFor(() -> robot.lookup("#kind-actions-dsa110-absurd-imaging").tryQuery().map(n -> n.isVisible()).orElse(false));
        FxClicks.click(robot, "#kind-actions-dsa110-absurd-imaging");
        FxClicks.click(robot, "Retry failed tasks of kind imaging…");

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
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }
}
