package io.pitwall.ui.runbook;

import io.pitwall.connect.ReadOnlyConnectionException;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ActionSpec;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.testing.FxClicks;
import io.pitwall.ui.common.FxExecutors;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 3, checked in the console: a connection opened in Connect to monitor as one role and act as
 * another acts as that other role, whose password is asked in the confirm dialog for that action only and is not
 * kept. (Before, the console ignored "Act as role": actions ran as the monitoring role and nothing was asked.)
 */
@ExtendWith(ApplicationExtension.class)
class ActionRolePasswordTest {

    @TempDir
    Path config;

    private SplitRoleConsole console;
    private ActionFixture f;
    private String actionRole;

    @Start
    void start(Stage stage) {
        console = new SplitRoleConsole(stage, config, "act_", "s3cret-act");
        f = console.f;
        actionRole = console.actionRole;
        f.db.execute("INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES "
                + "(51, 'repo.push', 'processing', 'w-1', now() - interval '10 minutes')");
    }

    @AfterEach
    void close(FxRobot robot) {
        console.close(robot);
    }

    private void openRelease(FxRobot robot, MonitorSession session) throws Exception {
        ActionLauncher launcher = new ActionLauncher(FxExecutors.background("test-io"), () -> session);
        ActionSpec release = launcher.taskActions("shithub").stream().filter(a -> a.id().equals("force-release"))
                .findFirst().orElseThrow();
        robot.interact(() -> launcher.open(null, null, release, new ActionRequest("shithub", "force-release",
                List.of("51"), null, null, false, Map.of(), null)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#action-apply").tryQuery()
                .map(n -> robot.lookup("#action-headline").queryAs(Label.class).getText().startsWith("Release 1")).orElse(false));
    }

    private static void type(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryTextInputControl().setText(text));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theActionRolesPasswordIsAskedPerActionAndNotKept(FxRobot robot) throws Exception {
        MonitorSession session = console.connect(robot);
        assertThrows(ReadOnlyConnectionException.class, () -> session.pools().actions(),
                "no action can run before its password is given");

        openRelease(robot, session);
        Node passwordRow = robot.lookup("#action-role-password").query();
        assertTrue(passwordRow.isVisible(), "the dialog asks for the action role's password");
        Button apply = robot.lookup("#action-apply").queryAs(Button.class);
        type(robot, "#action-reason", "INC-12 stuck push");
        assertTrue(apply.isDisabled(), "no password, no action");
        type(robot, "#action-role-password", "not-the-password");
        assertTrue(!apply.isDisabled());
        FxClicks.click(robot, "#action-apply");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#action-message").queryAs(Label.class).getText().contains("authentication failed"));
        assertEquals("processing", f.value("SELECT state FROM shithub.jobs WHERE id = 51"), "a wrong password changes nothing");
        SplitRoleConsole.closeDialogs(robot);

        openRelease(robot, session);
        assertEquals("", robot.lookup("#action-role-password").queryTextInputControl().getText(), "nothing was kept");
        type(robot, "#action-reason", "INC-12 stuck push");
        type(robot, "#action-role-password", "s3cret-act");
        FxClicks.click(robot, "#action-apply");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#action-message").queryAs(Label.class).getText().startsWith("Applied 1"));
        assertEquals("queued", f.value("SELECT state FROM shithub.jobs WHERE id = 51"));
        assertEquals(actionRole, f.value("SELECT db_user FROM pitwall.audit_log WHERE reason = 'INC-12 stuck push'"),
                "the action ran as the action role, not the monitoring role");
        assertEquals("", robot.lookup("#action-role-password").queryTextInputControl().getText(),
                "the field emptied when the action started");
        assertThrows(ReadOnlyConnectionException.class, () -> session.pools().actions(),
                "after the action the password is gone: the next one asks again");
    }
}
