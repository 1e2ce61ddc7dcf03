package io.pitwall.ui.runbook;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestSessions;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
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
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's {@code --all}: an action that cannot be undone, asked with no selector, would take every row its
 * scope finds; the confirm dialog runs it only once "Every row" is ticked, and says so.
 */
@ExtendWith(ApplicationExtension.class)
class EveryRowCheckboxTest {

    private ActionFixture f;
    private MonitorSession session;
    private ActionLauncher launcher;
    private StackPane root;

    @Start
    void start(Stage stage) throws Exception {
        f = new ActionFixture("shithub");
        f.db.execute("INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES "
                + "(71, 'search.reindex', 'processing', 'web1:4242', now() - interval '20 minutes'), "
                + "(72, 'repo.push', 'processing', 'web2:77', now() - interval '30 minutes'), "
                + "(73, 'repo.push', 'processing', 'web3:1', now())");
        session = TestSessions.builtIn(f.db.url());
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        launcher = new ActionLauncher(FxExecutors.background("test-io"), () -> session);
        root = new StackPane();
        Scene scene = new Scene(root, 1366, 768);
        scene.getStylesheets().add(Objects.requireNonNull(ActionDialog.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void anIrreversibleActionWithNoSelectorRunsOnlyWithEveryRowTicked(FxRobot robot) throws Exception {
        var release = session.registry().find("shithub").orElseThrow().action("force-release").orElseThrow();
        assertFalse(release.undoable(), "force re-lease has no undo: the case --all exists for");
        robot.interact(() -> launcher.open(root, null, release,
                new ActionRequest("shithub", "force-release", List.of(), null, null, false, Map.of(), null)));
        waitFor(() -> robot.lookup("#action-headline").tryQuery().map(n -> !((Label) n).getText().isEmpty()).orElse(false)
                && robot.lookup("#action-every-row").tryQuery().map(n -> n.isVisible()).orElse(false));

        CheckBox everyRow = robot.lookup("#action-every-row").query();
        assertTrue(everyRow.getText().startsWith("Every row: act on all 2 rows this finds"), everyRow.getText());
        FxClicks.click(robot, "#action-reason").write("web1 and web2 were drained");
        WaitForAsyncUtils.waitForFxEvents();
        // The guard: a reason alone does not let it run.
        assertTrue(robot.lookup("#action-apply").query().isDisabled(), "no selector, no Every row: refused");
        assertEquals("processing", f.value("SELECT state FROM shithub.jobs WHERE id = 71"));

        FxClicks.click(robot, "#action-every-row");
        waitFor(() -> !robot.lookup("#action-apply").query().isDisabled());
        FxClicks.click(robot, "#action-apply");
        waitFor(() -> robot.lookup("#action-message").queryAs(Label.class).getText().startsWith("Applied"));
        assertTrue(robot.lookup("#action-message").queryAs(Label.class).getText().startsWith("Applied 2 of 2"),
                robot.lookup("#action-message").queryAs(Label.class).getText());
        assertEquals("queued", f.value("SELECT state FROM shithub.jobs WHERE id = 71"));
        assertEquals("queued", f.value("SELECT state FROM shithub.jobs WHERE id = 72"));
        assertEquals("processing", f.value("SELECT state FROM shithub.jobs WHERE id = 73"), "a fresh lease is left alone");
        assertEquals("true", f.value("SELECT (selector->>'all')::text FROM pitwall.audit_log ORDER BY id DESC LIMIT 1"),
                "the audit records that every row was asked for");
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
