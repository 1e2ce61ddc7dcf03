package io.pitwall.ui.runbook;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.testing.FxClicks;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 items 1 and 3: the confirm dialog names the connection in its colour; on production the connection's
 * name must be typed as well; a read-only connection offers no action anywhere.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionInDialogTest {

    private ActionFixture f;
    private MonitorSession production;
    private MonitorSession readOnly;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        f = new ActionFixture("shithub");
        f.db.execute("INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES "
                + "(41, 'repo.push', 'processing', 'w-1', now() - interval '10 minutes')");
        var target = TargetResolver.fromSystem().resolve(f.db.url());
        production = new MonitorSession(new DatabasePools(new ConnectionIdentity("orders-prod", "production", null,
                false, null), target), new ProfileLoader().load(null));
        readOnly = new MonitorSession(new DatabasePools(new ConnectionIdentity("orders-watch", "production", null,
                true, null), target), new ProfileLoader().load(null));
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        stage.setScene(new Scene(new StackPane(new Label("owner")), 400, 300));
        stage.show();
    }

    @AfterEach
    void close() {
        production.close();
        readOnly.close();
    }

    @Test
    void productionAsksForTheConnectionsNameAndTheAuditRowRecordsIt(FxRobot robot) throws Exception {
        ActionLauncher launcher = new ActionLauncher(FxExecutors.background("test-io"), () -> production);
        ActionSpec release = launcher.taskActions("shithub").stream().filter(a -> a.id().equals("force-release"))
                .findFirst().orElseThrow();
        robot.interact(() -> launcher.open(null, null, release, new ActionRequest("shithub", "force-release",
                List.of("41"), null, null, false, Map.of(), null)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#action-apply").tryQuery()
                .map(n -> robot.lookup("#action-headline").queryAs(Label.class).getText().startsWith("Release 1")).orElse(false));
        assertEquals("On orders-prod (production)", robot.lookup("#action-connection").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#action-connection").queryAs(Label.class).getStyle().contains("#c62828"),
                "production's colour");
        Button apply = robot.lookup("#action-apply").queryAs(Button.class);
        FxClicks.click(robot, "#action-reason").write("INC-9 stuck push");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(apply.isDisabled(), "on production the name must be typed too");
        FxClicks.click(robot, "#action-typed-name").write("orders-staging");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(apply.isDisabled(), "another name does not confirm");
        robot.interact(() -> robot.lookup("#action-typed-name").queryTextInputControl().setText("orders-prod"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!apply.isDisabled());
        FxClicks.click(robot, "#action-apply");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#action-message").queryAs(Label.class).getText().startsWith("Applied"));
        assertEquals("orders-prod", f.value("SELECT connection FROM pitwall.audit_log"));
    }

    @Test
    void aReadOnlyConnectionOffersNoAction(FxRobot robot) {
        ActionLauncher launcher = new ActionLauncher(FxExecutors.background("test-io"), () -> readOnly);
        assertTrue(launcher.taskActions("shithub").isEmpty());
        assertTrue(launcher.kindActions("shithub").isEmpty());
        assertTrue(launcher.objectActions("shithub", "task").isEmpty());
        robot.interact(() -> assertTrue(!launcher.kindMenu("shithub", null, "repo.push").isVisible(), "no menu shown"));
    }
}
