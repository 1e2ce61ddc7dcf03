package io.pitwall.ui.shell;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.connect.SavedConnections;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.testing.FxClicks;
import io.pitwall.testing.PasswordRoles;
import io.pitwall.testing.TestDatabase;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.connect.ConnectDialog;
import io.pitwall.ui.connect.ConnectRequest;
import io.pitwall.ui.connect.ConnectViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
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

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 2: a wrong password or a down server in the Connect dialog dropped the working database before the
 * new one was checked. Now the new target is tested first; on failure the console stays where it was and the dialog
 * says why. Item 1: the connection's name, environment and colour show in the window title and the top bar.
 */
@ExtendWith(ApplicationExtension.class)
class SafeSwitchTest {

    @TempDir
    static Path config;

    private static TestDatabase db;
    private static String role;

    private ShellViewModel shell;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        if (db == null) {
            db = TestDatabase.fresh();
            db.execute("CREATE SCHEMA shithub; CREATE TABLE shithub.jobs (id bigserial PRIMARY KEY, kind text, "
                    + "state text, leased_by text, leased_at timestamptz)");
            role = PasswordRoles.create(db, "switch_" + db.name(), "right-one");
        }
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        shell = new ShellViewModel(FxExecutors.background("test-io"), new SavedConnections(config.resolve("c.json")));
        ShellView view = new ShellView(shell, List.of(), () -> { });
        Scene scene = new Scene(view, 1200, 700);
        scene.getStylesheets().add(Objects.requireNonNull(ShellView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(shell.windowTitleProperty());
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(shell::shutdown);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private String openAndWait(FxRobot robot, ConnectRequest request) throws Exception {
        AtomicReference<String> outcome = new AtomicReference<>();
        robot.interact(() -> shell.open(request, outcome::set, () -> outcome.set("ok")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> outcome.get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return outcome.get();
    }

    @Test
    void aFailedSwitchKeepsTheWorkingDatabaseAndSaysWhy(FxRobot robot) throws Exception {
        String ok = openAndWait(robot, new ConnectRequest(db.url(), null, false, "orders-prod", "production", null, false, null));
        assertEquals("ok", ok);
        MonitorSession working = shell.sessionProperty().get();
        assertEquals("Pitwall — orders-prod (production)", stage.getTitle());
        assertEquals("PRODUCTION", robot.lookup("#environment-badge").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#connection-label").queryAs(Label.class).getText().startsWith("orders-prod (production)"));

        String wrongPassword = openAndWait(robot, new ConnectRequest(PasswordRoles.url(db, role, "wrong-one"), null, false));
        assertTrue(wrongPassword.startsWith("authentication failed for user " + role), wrongPassword);
        String down = openAndWait(robot, new ConnectRequest("postgresql://postgres@127.0.0.1:" + closedPort() + "/q", null, false));
        assertTrue(down.startsWith("cannot reach 127.0.0.1:"), down);

        assertSame(working, shell.sessionProperty().get(), "the working connection was not dropped");
        assertEquals("Pitwall — orders-prod (production)", stage.getTitle());
        working.status(null);
        try (var connection = working.pools().monitor().getConnection();
             var rs = connection.createStatement().executeQuery("SELECT current_database()")) {
            rs.next();
            assertEquals(db.name(), rs.getString(1), "and it still reads the same database");
        }
        assertEquals(1, new SavedConnections(config.resolve("c.json")).list().stream()
                .filter(s -> s.name().equals("orders-prod")).count(), "failed targets are not remembered");
    }

    @Test
    void theDialogStaysOpenWithTheReasonAndClosesOnceTheTestPasses(FxRobot robot) throws Exception {
        AtomicReference<ConnectDialog> dialog = new AtomicReference<>();
        int port = closedPort();
        robot.interact(() -> {
            ConnectDialog shown = new ConnectDialog(stage, new ConnectViewModel(List.of(),
                    "postgresql://postgres@127.0.0.1:" + port + "/q", shell::tryOpen));
            dialog.set(shown);
            shown.show();
        });
        FxClicks.click(robot, "#connect-submit");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#connect-failure").queryAs(Label.class).isVisible());
        assertTrue(robot.lookup("#connect-failure").queryAs(Label.class).getText().startsWith("cannot reach"));
        assertTrue(dialog.get().isShowing(), "a failed test leaves the dialog open");

        robot.interact(() -> {
            robot.lookup("#connect-uri").queryTextInputControl().setText(PasswordRoles.url(db, role, null));
            robot.lookup("#connect-password").queryTextInputControl().setText("right-one");
            robot.lookup("#connect-name").queryTextInputControl().setText("orders-staging");
        });
        FxClicks.click(robot, "#connect-submit");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !dialog.get().isShowing());
        assertEquals("orders-staging", shell.identityProperty().get().name());
        assertEquals("Pitwall — orders-staging", stage.getTitle());
    }
}
