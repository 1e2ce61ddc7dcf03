package io.pitwall.ui.runbook;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.connect.SavedConnections;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.testing.PasswordRoles;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.connect.ConnectRequest;
import io.pitwall.ui.shell.ShellViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A console on a shithub fixture that monitors as a pg_monitor role with SELECT and acts as a scram-sha-256 role
 * with SELECT and UPDATE, whose password is asked per action: the least-privilege connection of issue 14 item 3.
 */
final class SplitRoleConsole {

    final ActionFixture f = new ActionFixture("shithub");
    final String monitorRole = "mon_" + f.db.name();
    final String actionRole;
    final ShellViewModel shell;

    SplitRoleConsole(Stage stage, Path config, String actionRolePrefix, String actionPassword) {
        f.db.execute("CREATE ROLE " + monitorRole + " LOGIN IN ROLE pg_monitor; GRANT USAGE ON SCHEMA shithub TO "
                + monitorRole + "; GRANT SELECT ON ALL TABLES IN SCHEMA shithub TO " + monitorRole);
        actionRole = PasswordRoles.create(f.db, actionRolePrefix + f.db.name(), actionPassword);
        f.db.execute("GRANT USAGE ON SCHEMA shithub TO " + actionRole + "; GRANT SELECT, UPDATE ON ALL TABLES IN SCHEMA "
                + "shithub TO " + actionRole);
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        shell = new ShellViewModel(FxExecutors.background("test-io"), new SavedConnections(config.resolve("c.json")));
        stage.setScene(new Scene(new StackPane(new Label("owner")), 400, 300));
        stage.show();
    }

    /** Connects as the monitoring role, acting as the action role, through the console's own tested switch. */
    MonitorSession connect(FxRobot robot) throws Exception {
        AtomicReference<String> outcome = new AtomicReference<>();
        String url = f.db.url().replace("postgres@", monitorRole + "@");
        robot.interact(() -> shell.open(new ConnectRequest(url, null, false, "orders-eu", "staging", null, false,
                actionRole), outcome::set, () -> outcome.set("ok")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> outcome.get() != null);
        assertEquals("ok", outcome.get());
        return shell.sessionProperty().get();
    }

    void close(FxRobot robot) {
        closeDialogs(robot);
        robot.interact(shell::shutdown);
    }

    static void closeDialogs(FxRobot robot) {
        robot.interact(() -> new ArrayList<>(Window.getWindows()).stream().filter(w -> w instanceof ActionDialog)
                .forEach(w -> ((Stage) w).close()));
    }
}
