package io.pitwall.ui.runbook;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.Styles;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ActionSpec;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestSessions;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The confirm dialog of an action the profile marks destructive (dsa110-absurd's cancel): its apply button is red
 * and Cancel is the default button, so an Enter typed after the reason closes the dialog and changes nothing.
 * One it says moves work along (retry-failed) is not red and has no default button; one whose profile does not
 * say is not red, yet Enter cancels it.
 */
@ExtendWith(ApplicationExtension.class)
class DestructiveConfirmTest {

    private ActionFixture f;
    private MonitorSession session;
    private ActionLauncher launcher;
    private StackPane root;

    @Start
    void start(Stage stage) throws Exception {
        f = new ActionFixture("dsa110-absurd");
        f.db.execute("""
                INSERT INTO absurd.t_tasks (queue_name, task_name, status) VALUES
                  ('dsa110-pipeline', 'imaging', 'pending'), ('dsa110-pipeline', 'imaging', 'pending');
                INSERT INTO absurd.t_tasks (queue_name, task_name, status, error, completed_at) VALUES
                  ('dsa110-pipeline', 'imaging', 'failed', 'No calibrator registered for Dec +41', now());
                """);
        session = TestSessions.builtIn(f.db.url());
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        launcher = new ActionLauncher(FxExecutors.background("test-io"), () -> session);
        root = new StackPane(new Label("console"));
        stage.setScene(new Scene(root, 1366, 768));
        stage.show();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void enterAfterTheReasonCancelsADestructiveActionAndNothingChanges(FxRobot robot) throws Exception {
        ActionSpec cancel = spec("cancel");
        assertTrue(cancel.isDestructive(), "the profile marks it");
        open(robot, cancel, "Cancel 2");
        Button apply = robot.lookup("#action-apply").queryAs(Button.class);
        Button close = robot.lookup("#action-close").queryAs(Button.class);
        assertTrue(apply.getStyleClass().contains(Styles.DANGER), "what ends work is red");
        assertTrue(close.isDefaultButton(), "Enter means Cancel");
        assertFalse(apply.isDefaultButton());

        FxClicks.click(robot, "#action-reason").write("duplicate submissions");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(apply.isDisabled(), "with a reason it could be applied, by a click");
        robot.type(KeyCode.ENTER);
        waitFor(() -> robot.lookup("#action-apply").tryQuery().isEmpty());
        assertEquals("2", f.value("SELECT count(*) FROM absurd.t_tasks WHERE status = 'pending'"), "nothing was cancelled");
        assertEquals("0", f.value("SELECT count(*) FROM pg_tables WHERE schemaname = 'pitwall'"),
                "no action ran: not even the audit table was made");
    }

    @Test
    void anActionThatMovesWorkAlongIsNotRedAndEnterDoesNotCancelIt(FxRobot robot) throws Exception {
        ActionSpec retry = spec("retry-failed");
        assertEquals(Boolean.FALSE, retry.destructive(), "the profile says it moves work along");
        open(robot, retry, "Retry 1");
        Button apply = robot.lookup("#action-apply").queryAs(Button.class);
        assertFalse(apply.getStyleClass().contains(Styles.DANGER), "a retry is not painted as a deletion");
        assertTrue(apply.getStyleClass().contains(Styles.ACCENT));
        assertFalse(robot.lookup("#action-close").queryAs(Button.class).isDefaultButton(),
                "a reason typed and Enter pressed does not throw the dialog away");
        assertFalse(apply.isDefaultButton(), "nor applies it: applying is always a click");
    }

    @Test
    void anActionWhoseProfileDoesNotSayIsNotRedButEnterCancelsIt(FxRobot robot) throws Exception {
        ActionSpec said = spec("retry-failed");
        // As a user profile written before the flag would give it: the same action, destructive left out.
        ActionSpec unsaid = new ActionSpec(said.id(), said.title(), said.verb(), said.noun(), said.description(),
                said.table(), said.idColumn(), said.show(), said.requires(), said.parameters(), said.scope(),
                said.stuck(), said.guards(), said.set(), said.statement(), said.undo(), said.noUndo(),
                said.largeCount(), said.warning(), said.object(), said.requiresFunction(), said.requiresColumn(),
                said.on(), said.locks(), null);
        open(robot, unsaid, "Retry 1");
        assertFalse(robot.lookup("#action-apply").queryAs(Button.class).getStyleClass().contains(Styles.DANGER),
                "unknown is not red");
        assertTrue(robot.lookup("#action-close").queryAs(Button.class).isDefaultButton(),
                "but confirmed as carefully as destructive: Enter cancels");
    }

    private ActionSpec spec(String id) {
        return session.registry().find("dsa110-absurd").orElseThrow().action(id).orElseThrow();
    }

    private void open(FxRobot robot, ActionSpec action, String applyText) throws Exception {
        robot.interact(() -> launcher.open(root, null, action, new ActionRequest("dsa110-absurd", action.id(),
                List.of(), "imaging", null, false, Map.of(), null)));
        waitFor(() -> robot.lookup("#action-apply").tryQuery()
                .map(n -> ((Button) n).getText().equals(applyText)).orElse(false));
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
