package io.pitwall.ui.audit;

import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestSessions;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.ui.common.FxExecutors;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit screen lists past actions and undoes one. Undo is an action too (issue 9): it opens the confirm dialog
 * with its rows and SQL, takes the reason, and for 63 rows asks for the count to be typed before anything changes.
 */
@ExtendWith(ApplicationExtension.class)
class AuditViewTest {

    private ActionFixture f;
    private MonitorSession session;

    @Start
    void start(Stage stage) throws Exception {
        f = new ActionFixture("shithub");
        f.db.execute("INSERT INTO shithub.jobs (kind, state) SELECT 'search.reindex', 'queued' FROM generate_series(1, 63)");
        ActionFixture.Run pause = f.cli("act", "pause-kind", "--profile", "shithub", "--kind", "search.reindex", "--yes",
                "--reason", "drain before deploy");
        assertEquals(0, pause.exitCode(), pause.err());
        session = TestSessions.builtIn(f.db.url());
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        AuditScreen screen = new AuditScreen(FxExecutors.background("test-io"));
        Scene scene = new Scene((javafx.scene.Parent) screen.view(), 1300, 800);
        scene.getStylesheets().add(Objects.requireNonNull(AuditView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        screen.show(session);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void listsTheActionAndUndoesIt(FxRobot robot) throws Exception {
        TableView<?> table = robot.lookup("#audit-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("drain before deploy").tryQuery().isPresent());
        FxClicks.click(robot, "drain before deploy");
        Button undo = robot.lookup("#undo-button").queryAs(Button.class);
        assertTrue(undo.isDisabled(), "undo needs a reason");
        assertTrue(robot.lookup("#audit-detail").queryTextInputControl().getText().contains("state \"queued\" → \"paused\""),
                robot.lookup("#audit-detail").queryTextInputControl().getText());
        FxClicks.click(robot, "#undo-reason").write("deploy done");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Undo #1", undo.getText());
        FxClicks.click(robot, "#undo-button");

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#action-headline").tryQuery().isPresent()
                && robot.lookup("#action-headline").queryAs(Label.class).getText().startsWith("Undo #1: restore 63"));
        assertEquals(63, robot.lookup("#preview-rows").queryAs(TableView.class).getItems().size(), "the rows undo would touch");
        assertTrue(robot.lookup("#action-sql").queryTextInputControl().getText().contains("UPDATE \"shithub\".\"jobs\""),
                robot.lookup("#action-sql").queryTextInputControl().getText());
        assertEquals("deploy done", robot.lookup("#action-reason").queryTextInputControl().getText());
        Button apply = robot.lookup("#action-apply").queryAs(Button.class);
        assertTrue(apply.isDisabled(), "63 rows: the count must be typed");
        assertEquals("63", f.value("SELECT count(*) FROM shithub.jobs WHERE state = 'paused'"), "nothing ran yet");
        FxClicks.click(robot, "#action-typed-count").write("63");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!apply.isDisabled());
        FxClicks.click(robot, "#action-apply");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#audit-message").queryAs(Label.class).getText()
                .startsWith("Undo of #1: restored 63 of 63"));
        assertEquals("0", f.value("SELECT count(*) FROM shithub.jobs WHERE state = 'paused'"));
        assertEquals("deploy done", f.value("SELECT reason FROM pitwall.audit_log WHERE undo_of = 1"));
    }
}
