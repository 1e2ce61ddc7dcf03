package io.pitwall.ui.shell;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.testing.TestBastion;
import io.pitwall.testing.TestDatabase;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.connect.ConnectDialog;
import io.pitwall.ui.connect.ConnectViewModel;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 5 in the console: the Connect dialog's SSH bastion field, and an unknown host key shown with its
 * fingerprint and asked about (never silently accepted); a changed one refused with the reason in the dialog.
 */
@ExtendWith(ApplicationExtension.class)
class BastionConnectTest {

    @TempDir
    static Path home;

    private static TestDatabase db;
    private static TestBastion bastion;
    private static Path key;

    private ShellViewModel shell;
    private Stage stage;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        db.execute("CREATE TABLE marker (what text); INSERT INTO marker VALUES ('behind the bastion')");
        key = TestBastion.sshKeygen(home, "id_ops", null);
        bastion = TestBastion.start(Path.of(key + ".pub"));
    }

    @AfterAll
    static void stop() {
        bastion.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        shell = new ShellViewModel(FxExecutors.background("test-io"), new SavedConnections(home.resolve("c.json")),
                settings());
        ShellView view = new ShellView(shell, List.of(), () -> { });
        Scene scene = new Scene(view, 1200, 760);
        scene.getStylesheets().add(Objects.requireNonNull(ShellView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static SshSettings settings() {
        return new SshSettings(home.resolve("ssh_config"), home.resolve("known_hosts"), List.of(key), null,
                Duration.ofSeconds(5), null);
    }

    private ConnectDialog shown;

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            if (shown != null) {
                shown.close();
            }
            shell.shutdown();
        });
    }

    private ConnectDialog openDialog(FxRobot robot) {
        AtomicReference<ConnectDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            shown = new ConnectDialog(stage, new ConnectViewModel(List.of(), db.url(), shell::tryOpen));
            dialog.set(shown);
            shown.show();
            robot.lookup("#connect-ssh").queryTextInputControl().setText(bastion.spec());
            robot.lookup("#connect-name").queryTextInputControl().setText("orders-behind-bastion");
        });
        return dialog.get();
    }

    /**
     * Presses a button. Fired on the FX thread rather than clicked at a screen point: under Monocle the question's
     * window does not always stack above the Connect dialog it belongs to, nor the dialog above it once it closed.
     */
    private static void press(FxRobot robot, String id) {
        robot.interact(() -> ((javafx.scene.control.Button) robot.lookup(id).query()).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void awaitQuestion(FxRobot robot) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#host-key-question").tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no question; the dialog says: "
                    + robot.lookup("#connect-failure").queryAs(Label.class).getText(), e);
        }
    }

    private static DialogPane question(FxRobot robot) {
        return robot.lookup("#host-key-question").queryAs(DialogPane.class);
    }

    @Test
    void anUnknownHostKeyIsAskedAboutWithItsFingerprintAndOnlyATrustedOneConnects(FxRobot robot) throws Exception {
        Files.deleteIfExists(home.resolve("known_hosts"));
        String fingerprint = bastion.fingerprintBySshKeygen(home);
        ConnectDialog dialog = openDialog(robot);
        press(robot, "#connect-submit");
        awaitQuestion(robot);
        assertTrue(question(robot).getHeaderText().contains(fingerprint), question(robot).getHeaderText());
        snapshot(robot, question(robot), "bastion-host-key-question.png");

        press(robot, "#host-key-decline");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#host-key-question").tryQuery().isEmpty(), "the question was answered");
        assertTrue(dialog.isShowing(), "declining leaves the dialog open");
        String failure = robot.lookup("#connect-failure").queryAs(Label.class).getText();
        assertTrue(failure.contains("is not known") && failure.contains(fingerprint), failure);
        assertNull(shell.sessionProperty().get(), "not connected");
        assertTrue(!Files.exists(home.resolve("known_hosts")), "nothing was added to known_hosts");
        assertEquals(0, bastion.forwards(), "the database was not reached");

        press(robot, "#connect-submit");
        awaitQuestion(robot);
        press(robot, "#host-key-trust");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !dialog.isShowing());
        MonitorSession session = shell.sessionProperty().get();
        assertEquals("orders-behind-bastion", session.pools().identity().name());
        try (Connection connection = session.pools().monitor().getConnection();
             ResultSet rs = connection.createStatement().executeQuery("SELECT what FROM marker")) {
            rs.next();
            assertEquals("behind the bastion", rs.getString(1));
        }
        assertTrue(Files.readString(home.resolve("known_hosts")).contains("[127.0.0.1]:" + bastion.port()));
        assertTrue(robot.lookup("#connection-label").queryAs(Label.class).getText().endsWith("via ssh " + bastion.spec()));
        SavedConnections.Saved saved = new SavedConnections(home.resolve("c.json")).named("orders-behind-bastion").orElseThrow();
        assertEquals(bastion.spec(), saved.ssh(), "the bastion is saved with the named connection");
    }

    @Test
    void aChangedHostKeyIsRefusedInTheDialogWithoutAQuestion(FxRobot robot) throws Exception {
        Files.writeString(home.resolve("known_hosts"), bastion.knownHostsLineWithAnotherKey() + "\n");
        ConnectDialog dialog = openDialog(robot);
        press(robot, "#connect-submit");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#connect-failure").queryAs(Label.class).isVisible());
        String failure = robot.lookup("#connect-failure").queryAs(Label.class).getText();
        assertTrue(failure.contains("has CHANGED"), failure);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#host-key-question").tryQuery().isEmpty(), "a changed key offers no way to accept it");
        assertTrue(dialog.isShowing());
        assertNull(shell.sessionProperty().get());
        snapshot(robot, dialog.getDialogPane(), "bastion-changed-key.png");
    }

    /** For looking at (target/screenshots); the assertions above are the test. */
    private static void snapshot(FxRobot robot, Node node, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        AtomicReference<java.awt.image.BufferedImage> image = new AtomicReference<>();
        robot.interact(() -> {
            javafx.scene.image.WritableImage shot = node.snapshot(null, null);
            int width = (int) shot.getWidth();
            int height = (int) shot.getHeight();
            java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(width, height,
                    java.awt.image.BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out.setRGB(x, y, shot.getPixelReader().getArgb(x, y));
                }
            }
            image.set(out);
        });
        javax.imageio.ImageIO.write(image.get(), "png", dir.resolve(name).toFile());
    }
}
