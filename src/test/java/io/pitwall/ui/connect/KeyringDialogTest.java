package io.pitwall.ui.connect;

import atlantafx.base.theme.PrimerLight;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.SavedConnections.Saved;
import io.pitwall.connect.SavedPasswords;
import io.pitwall.connect.TargetResolver;
import io.pitwall.connect.keyring.Keyring;
import io.pitwall.connect.keyring.PasswordKey;
import io.pitwall.testing.FxClicks;
import io.pitwall.testing.PasswordRoles;
import io.pitwall.testing.TestDatabase;
import io.pitwall.testing.TestKeyring;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.shell.ShellViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 4 in the console: "Remember password in the desktop keyring" is offered only with a keyring (greyed
 * with the reason without one), stores the typed password only after the connection passed its test, the saved list
 * shows which connections have one, and "Forget password" removes it. The saved connections file never holds it.
 */
@ExtendWith(ApplicationExtension.class)
class KeyringDialogTest {

    private static final String PASSWORD = "typed-then-kept";
    private static TestKeyring desktop;
    private static TestDatabase db;
    private static String role;

    @TempDir
    static Path config;

    private Stage stage;
    private ShellViewModel shell;
    private final ExecutorService io = FxExecutors.background("keyring-test-io");

    @BeforeAll
    static void startKeyring() {
        desktop = TestKeyring.start();
        db = TestDatabase.fresh();
        role = PasswordRoles.create(db, "ui_" + db.name(), PASSWORD);
    }

    @AfterAll
    static void stopKeyring() {
        if (desktop != null) {
            desktop.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        shell = new ShellViewModel(io, new SavedConnections(config.resolve("connections.json")));
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(shell::shutdown);
        io.shutdownNow();
    }

    private ConnectKeyring keyringOf(Keyring keyring) {
        TargetResolver resolver = new TargetResolver(Map.of("PGPASSFILE", config.resolve("none").toString()), config,
                "nobody", null);
        return new ConnectKeyring(new SavedPasswords(keyring, resolver), resolver, io);
    }

    private ConnectDialog open(FxRobot robot, List<Saved> saved, ConnectKeyring keyring) {
        AtomicReference<ConnectDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            ConnectDialog shown = new ConnectDialog(stage, new ConnectViewModel(saved, null, shell::tryOpen, keyring));
            dialog.set(shown);
            shown.show();
        });
        return dialog.get();
    }

    private static void typePassword(FxRobot robot, String password) {
        robot.interact(() -> robot.lookup("#connect-password").queryTextInputControl().setText(password));
    }

    @Test
    void withoutAKeyringTheCheckboxIsGreyedWithTheReason(FxRobot robot) throws Exception {
        ConnectDialog dialog = open(robot, List.of(), keyringOf(Keyring.of(Map.of())));
        Label status = robot.lookup("#connect-keyring-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("desktop keyring unavailable"));
        assertTrue(status.getText().contains("no D-Bus session bus"), status.getText());
        typePassword(robot, PASSWORD);
        WaitForAsyncUtils.waitForFxEvents();
        CheckBox remember = robot.lookup("#connect-remember-password").queryAs(CheckBox.class);
        assertTrue(remember.isDisabled(), "no keyring: nothing to remember in");
        robot.interact(dialog::close);
    }

    @Test
    void aLockedKeyringGreysTheCheckboxAndSaysLocked(FxRobot robot) throws Exception {
        try (TestKeyring locked = TestKeyring.start()) {
            locked.keyring().lockDefaultCollection();
            ConnectDialog dialog = open(robot, List.of(), keyringOf(locked.keyring()));
            Label status = robot.lookup("#connect-keyring-status").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("desktop keyring locked"));
            typePassword(robot, PASSWORD);
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(robot.lookup("#connect-remember-password").queryAs(CheckBox.class).isDisabled(),
                    "a locked keyring cannot store: not offered");
            robot.interact(dialog::close);
        }
    }

    @Test
    void rememberedAfterTheTestShownWithAKeyAndForgotten(FxRobot robot) throws Exception {
        Keyring keyring = desktop.keyring();
        ConnectDialog dialog = open(robot, List.of(), keyringOf(keyring));
        Label status = robot.lookup("#connect-keyring-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("desktop keyring available"));
        CheckBox remember = robot.lookup("#connect-remember-password").queryAs(CheckBox.class);
        assertTrue(remember.isDisabled(), "nothing typed: nothing to remember");
        robot.interact(() -> {
            robot.lookup("#connect-uri").queryTextInputControl().setText(PasswordRoles.url(db, role, null));
            robot.lookup("#connect-name").queryTextInputControl().setText("kept-ui");
        });
        typePassword(robot, PASSWORD);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(remember.isDisabled(), "a keyring and a typed password: offered");
        FxClicks.click(robot, "#connect-remember-password");
        FxClicks.click(robot, "#connect-submit");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !dialog.isShowing());

        PasswordKey key = new PasswordKey("localhost", TestDatabase.server().getPort(), db.name(), role);
        assertEquals(Optional.of(PASSWORD), keyring.lookup(key), "stored once the connection passed its test");
        String file = new String(Files.readAllBytes(config.resolve("connections.json")), StandardCharsets.UTF_8);
        assertTrue(file.contains("kept-ui"), file);
        assertFalse(file.contains(PASSWORD), "the saved connections file never holds the password: " + file);

        List<Saved> saved = new SavedConnections(config.resolve("connections.json")).list();
        ConnectDialog again = open(robot, saved, keyringOf(keyring));
        @SuppressWarnings("unchecked")
        ListView<Saved> list = robot.lookup("#connect-saved").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".list-cell").queryAllAs(ListCell.class)
                .stream().anyMatch(cell -> cell.getText() != null && cell.getText().startsWith("kept-ui")
                        && cell.getText().contains("kept-ui · password in keyring") && cell.getGraphic() != null));
        Button forget = robot.lookup("#connect-forget-password").queryAs(Button.class);
        assertTrue(forget.isDisabled(), "nothing chosen yet");
        robot.interact(() -> list.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(forget.isDisabled());
        FxClicks.click(robot, "#connect-forget-password");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> forget.isDisabled());
        assertEquals(Optional.empty(), keyring.lookup(key), "forgotten: a fresh lookup finds nothing");
        robot.interact(again::close);
    }

    @Test
    void aKeyringLockedWhileTheDialogIsOpenKeepsItOpenAndSaysThePasswordWasNotStored(FxRobot robot) throws Exception {
        try (TestKeyring locking = TestKeyring.start()) {
            ConnectDialog dialog = open(robot, List.of(), keyringOf(locking.keyring()));
            Label status = robot.lookup("#connect-keyring-status").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("desktop keyring available"));
            robot.interact(() -> robot.lookup("#connect-uri").queryTextInputControl().setText(PasswordRoles.url(db, role, null)));
            typePassword(robot, PASSWORD);
            FxClicks.click(robot, "#connect-remember-password");
            locking.keyring().lockDefaultCollection(); // the desktop locks it (screen lock, timeout) meanwhile
            FxClicks.click(robot, "#connect-submit");
            Label failure = robot.lookup("#connect-failure").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, failure::isVisible);
            assertTrue(failure.getText().startsWith("Connected, but the password was not stored in the desktop keyring: "
                    + "keyring locked"), failure.getText());
            assertTrue(dialog.isShowing(), "the dialog stays open so the operator reads it");
            assertEquals(role, shell.sessionProperty().get().pools().target().user(), "the connection itself switched");
            robot.interact(dialog::close);
        }
    }

    @Test
    void aFailedTestStoresNothing(FxRobot robot) throws Exception {
        Keyring keyring = desktop.keyring();
        ConnectDialog dialog = open(robot, List.of(), keyringOf(keyring));
        Label status = robot.lookup("#connect-keyring-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("desktop keyring available"));
        robot.interact(() -> robot.lookup("#connect-uri").queryTextInputControl().setText(PasswordRoles.url(db, role, null)));
        typePassword(robot, "not-the-password");
        FxClicks.click(robot, "#connect-remember-password");
        FxClicks.click(robot, "#connect-submit");
        Label failure = robot.lookup("#connect-failure").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, failure::isVisible);
        assertTrue(failure.getText().startsWith("authentication failed"), failure.getText());
        PasswordKey key = new PasswordKey("localhost", TestDatabase.server().getPort(), db.name(), role);
        assertEquals(Optional.empty(), keyring.lookup(key), "a password that failed its test is not remembered");
        robot.interact(dialog::close);
    }
}
