package io.pitwall.ui.runbook;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.ReadOnlyConnectionException;
import io.pitwall.connect.SavedConnections;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.runbook.ActionListener;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.runbook.Runbook;
import io.pitwall.testing.FxClicks;
import io.pitwall.testing.PasswordRoles;
import io.pitwall.ui.audit.AuditViewModel;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.connect.ConnectRequest;
import io.pitwall.ui.shell.ShellViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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

    private ActionFixture f;
    private ShellViewModel shell;
    private String monitorRole;
    private String actionRole;

    @Start
    void start(Stage stage) {
        f = new ActionFixture("shithub");
        f.db.execute("INSERT INTO shithub.jobs (id, kind, state) VALUES (71, 'repo.mirror', 'queued'), "
                + "(72, 'repo.mirror', 'queued')");
        monitorRole = "mon_" + f.db.name();
        f.db.execute("CREATE ROLE " + monitorRole + " LOGIN IN ROLE pg_monitor; GRANT USAGE ON SCHEMA shithub TO "
                + monitorRole + "; GRANT SELECT ON ALL TABLES IN SCHEMA shithub TO " + monitorRole);
        actionRole = PasswordRoles.create(f.db, "undo_" + f.db.name(), "s3cret-undo");
        f.db.execute("GRANT USAGE ON SCHEMA shithub TO " + actionRole + "; GRANT SELECT, UPDATE ON ALL TABLES IN SCHEMA "
                + "shithub TO " + actionRole);
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        shell = new ShellViewModel(FxExecutors.background("test-io"), new SavedConnections(config.resolve("c.json")));
        stage.setScene(new Scene(new StackPane(new Label("owner")), 400, 300));
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        closeDialogs(robot);
        robot.interact(shell::shutdown);
    }

    private static void closeDialogs(FxRobot robot) {
        robot.interact(() -> new ArrayList<>(Window.getWindows()).stream().filter(w -> w instanceof ActionDialog)
                .forEach(w -> ((Stage) w).close()));
    }

    private MonitorSession connect(FxRobot robot) throws Exception {
        AtomicReference<String> outcome = new AtomicReference<>();
        String url = f.db.url().replace("postgres@", monitorRole + "@");
        robot.interact(() -> shell.open(new ConnectRequest(url, null, false, "orders-eu", "staging", null, false,
                actionRole), outcome::set, () -> outcome.set("ok")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> outcome.get() != null);
        assertEquals("ok", outcome.get());
        return shell.sessionProperty().get();
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
        MonitorSession session = connect(robot);
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
        closeDialogs(robot);

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
