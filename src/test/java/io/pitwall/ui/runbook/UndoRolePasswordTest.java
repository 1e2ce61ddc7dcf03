package io.pitwall.ui.runbook;

import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.ReadOnlyConnectionException;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.runbook.ActionListener;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.runbook.Runbook;
import io.pitwall.testing.FxClicks;
import io.pitwall.ui.audit.AuditViewModel;
import io.pitwall.ui.common.FxExecutors;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Undo on a connection that monitors as one role and acts as another (issue 14 item 3): the Audit screen's undo
 * shows its preview before any password is given (before, the preview asked the action pool and failed on such a
 * connection), and asks for the action role's password in the confirm dialog exactly as an action does: a wrong one
 * changes nothing and writes no audit row, the right one undoes as the action role.
 */
@ExtendWith(ApplicationExtension.class)
class UndoRolePasswordTest {

    @TempDir
    Path config;

    private SplitRoleConsole console;
    private ActionFixture f;
    private String monitorRole;
    private String actionRole;

    @Start
    void start(Stage stage) {
        console = new SplitRoleConsole(stage, config, "undo_", "s3cret-undo");
        f = console.f;
        monitorRole = console.monitorRole;
        actionRole = console.actionRole;
        f.db.execute("INSERT INTO shithub.jobs (id, kind, state) VALUES (71, 'repo.mirror', 'queued'), "
                + "(72, 'repo.mirror', 'queued')");
    }

    @AfterEach
    void close(FxRobot robot) {
        console.close(robot);
    }

    /** The pause to undo, taken as the action role with its password (the action path has its own test). */
    private long pauseMirrors(MonitorSession session) throws Exception {
        Runbook runbook = new Runbook(session);
        try (DatabasePools.ActionCredentials ignored = session.pools().actingWith("s3cret-undo")) {
            var result = runbook.execute(runbook.preview(new ActionRequest("shithub", "pause-kind", List.of(),
                    "repo.mirror", null, false, Map.of(), "INC-20 pause mirrors")), ActionListener.NONE);
            assertEquals(2, result.applied());
            return result.auditId();
        }
    }

    private void openUndo(FxRobot robot, AuditViewModel audit, long auditId) throws Exception {
        robot.interact(() -> audit.reveal(auditId));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> audit.selectedProperty().get() != null);
        assertTrue(audit.selectedProperty().get().undoable(), String.valueOf(audit.selectedProperty().get().noUndo()));
        robot.interact(() -> {
            audit.undoReasonProperty().set("INC-20 resume mirrors");
            ActionDialogViewModel dialog = audit.undoDialog();
            assertNotNull(dialog);
            new ActionDialog(null, dialog).show();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#action-apply").tryQuery().isPresent()
                && (robot.lookup("#action-headline").queryAs(Label.class).getText().contains("2")
                || !robot.lookup("#action-message").queryAs(Label.class).getText().isEmpty()));
    }

    private static void type(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryTextInputControl().setText(text));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void undoShowsItsPreviewAndAsksTheActionRolesPasswordAsActionsDo(FxRobot robot) throws Exception {
        MonitorSession session = console.connect(robot);
        long auditId = pauseMirrors(session);
        // The grants docs/connections.md lists for the monitoring role's audit screen.
        f.db.execute("GRANT USAGE ON SCHEMA pitwall TO " + monitorRole + "; GRANT SELECT ON pitwall.audit_log TO "
                + monitorRole);
        assertEquals("paused", f.value("SELECT state FROM shithub.jobs WHERE id = 71"));
        AuditViewModel audit = new AuditViewModel(FxExecutors.background("test-audit"));
        robot.interact(() -> audit.show(session));

        openUndo(robot, audit, auditId);
        assertEquals("", robot.lookup("#action-message").queryAs(Label.class).getText(),
                "the undo preview was read without the action role's password");
        assertTrue(robot.lookup("#action-headline").queryAs(Label.class).getText().contains("2"),
                robot.lookup("#action-headline").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#action-role-password").query().isVisible(), "undo asks for the action role's password");
        Button apply = robot.lookup("#action-apply").queryAs(Button.class);
        assertTrue(apply.isDisabled(), "no password, no undo");
        long audits = f.audits();
        type(robot, "#action-role-password", "not-the-password");
        assertTrue(!apply.isDisabled());
        FxClicks.click(robot, "#action-apply");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#action-message").queryAs(Label.class).getText().contains("authentication failed"));
        assertEquals("paused", f.value("SELECT state FROM shithub.jobs WHERE id = 71"), "a wrong password changes nothing");
        assertEquals(audits, f.audits(), "and writes no audit row");
        SplitRoleConsole.closeDialogs(robot);

        openUndo(robot, audit, auditId);
        assertEquals("", robot.lookup("#action-role-password").queryTextInputControl().getText(), "nothing was kept");
        type(robot, "#action-role-password", "s3cret-undo");
        FxClicks.click(robot, "#action-apply");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#action-message").queryAs(Label.class).getText().startsWith("Applied 2"));
        assertEquals("queued", f.value("SELECT state FROM shithub.jobs WHERE id = 71"));
        assertEquals("queued", f.value("SELECT state FROM shithub.jobs WHERE id = 72"));
        assertEquals(actionRole, f.value("SELECT db_user FROM pitwall.audit_log WHERE undo_of = " + auditId),
                "the undo ran as the action role");
        assertThrows(ReadOnlyConnectionException.class, () -> session.pools().actions(),
                "after the undo the password is gone");
    }
}
