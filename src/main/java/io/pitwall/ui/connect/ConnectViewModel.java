package io.pitwall.ui.connect;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.SavedConnections.Saved;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.util.List;
import java.util.function.Consumer;

/**
 * The connect dialog's state: what is typed, which saved connections exist, whether the input looks usable, and
 * the test of the new target. The dialog closes only when the test passed; until then the current connection stays.
 */
public final class ConnectViewModel {

    /** Tests a request and, when it passes, switches to it; exactly one callback runs, on the FX thread. */
    public interface Connector {
        void open(ConnectRequest request, Consumer<ConnectFailure> onFailure, Runnable onSuccess);
    }

    public static final List<String> ENVIRONMENTS = List.of("production", "staging", "development");

    // Properties
    private final StringProperty uri = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty environment = new SimpleStringProperty("");
    private final StringProperty colour = new SimpleStringProperty("");
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final StringProperty actionUser = new SimpleStringProperty("");
    private final StringProperty ssh = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<ConnectFailure> hostKeyQuestion = new ReadOnlyObjectWrapper<>();
    private final StringProperty standby = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper("");
    private final ObservableList<Saved> saved = FXCollections.observableArrayList();
    private final BooleanProperty rememberPassword = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper keyringUsable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper keyringStatus = new ReadOnlyStringWrapper("desktop keyring not checked");
    private final ObservableSet<String> keyringPasswords = FXCollections.observableSet();
    private final BooleanBinding uriLooksValid;
    private final Connector connector;
    private final ConnectKeyring keyring;

    public ConnectViewModel(List<Saved> savedConnections, String initialUri) {
        this(savedConnections, initialUri, null);
    }

    public ConnectViewModel(List<Saved> savedConnections, String initialUri, Connector connector) {
        this(savedConnections, initialUri, connector, null);
    }

    /** @param keyring the desktop keyring to remember passwords in; null: none is offered */
    public ConnectViewModel(List<Saved> savedConnections, String initialUri, Connector connector,
                            ConnectKeyring keyring) {
        this.connector = connector;
        this.keyring = keyring;
        saved.setAll(savedConnections);
        uri.set(initialUri == null ? "" : initialUri);
        uriLooksValid = Bindings.createBooleanBinding(() -> looksValid(uri.get()), uri);
        if (keyring != null) {
            keyringStatus.set("Checking the desktop keyring…");
            keyring.read(savedConnections, snapshot -> {
                keyringUsable.set(snapshot.usable());
                keyringStatus.set(snapshot.status());
                keyringPasswords.addAll(snapshot.stored());
            });
        }
    }

    /** Empty is valid: then the PG* environment and ~/.pgpass apply, as for psql. */
    static boolean looksValid(String text) {
        String value = text == null ? "" : text.strip();
        return value.isEmpty() || value.startsWith("postgresql://") || value.startsWith("postgres://")
                || value.startsWith("jdbc:postgresql:") || value.contains("=");
    }

    // Commands
    public void choose(Saved connection) {
        if (connection != null) {
            ConnectionIdentity identity = connection.identity();
            uri.set(connection.uri());
            name.set(connection.name());
            environment.set(identity.environment());
            colour.set(connection.colour() == null ? "" : connection.colour());
            readOnly.set(connection.readOnly());
            actionUser.set(connection.actionUser() == null ? "" : connection.actionUser());
            ssh.set(connection.ssh() == null ? "" : connection.ssh());
            standby.set(connection.standbyUri() == null ? "" : connection.standbyUri());
        }
    }

    public ConnectRequest request() {
        return request(null);
    }

    private ConnectRequest request(String trustedHostKey) {
        return new ConnectRequest(uri.get().strip(), blankToNull(password.get()), false, blankToNull(name.get()),
                blankToNull(environment.get()), blankToNull(colour.get()), readOnly.get(), blankToNull(actionUser.get()),
                blankToNull(standby.get()), blankToNull(ssh.get()), trustedHostKey,
                rememberPassword.get() && keyringUsable.get());
    }

    /** Removes a saved connection's password from the desktop keyring (off the FX thread). */
    public void forgetPassword(Saved connection) {
        if (keyring == null || connection == null) {
            return;
        }
        keyring.forget(connection, problem -> {
            if (problem == null) {
                keyringPasswords.remove(connection.name());
            } else {
                failure.set("The password of " + connection.name() + " was not removed: " + problem);
            }
        });
    }

    /**
     * Tests the target; {@code onConnected} runs only when it passed, otherwise the failure is shown and kept. When
     * the only failure is an SSH host key known_hosts lacks, {@link #hostKeyQuestionProperty()} asks the operator.
     */
    public void connect(Runnable onConnected) {
        connect(null, onConnected);
    }

    /** Connects again accepting exactly the host key the operator was shown and checked (it goes to known_hosts). */
    public void trustHostKeyAndConnect(Runnable onConnected) {
        ConnectFailure question = hostKeyQuestion.get();
        hostKeyQuestion.set(null);
        if (question != null) {
            connect(question.unknownHostKey(), onConnected);
        }
    }

    /** The operator did not accept the host key: nothing is trusted and the reason stays in the dialog. */
    public void declineHostKey() {
        hostKeyQuestion.set(null);
    }

    private void connect(String trustedHostKey, Runnable onConnected) {
        if (connector == null || testing.get()) {
            return;
        }
        testing.set(true);
        failure.set("");
        ConnectRequest sent = request(trustedHostKey);
        connector.open(sent, failed -> {
            testing.set(false);
            failure.set(failed.reason());
            if (failed.unknownHostKey() != null) {
                hostKeyQuestion.set(failed);
            }
        }, () -> {
            if (keyring != null && sent.rememberPassword() && sent.password() != null) {
                rememberThenClose(sent, onConnected);
                return;
            }
            testing.set(false);
            onConnected.run();
        });
    }

    /** Only a password that just passed the test is stored; if storing fails the dialog stays open and says so. */
    private void rememberThenClose(ConnectRequest sent, Runnable onConnected) {
        keyring.remember(sent, problem -> {
            testing.set(false);
            if (problem == null) {
                onConnected.run();
            } else {
                failure.set("Connected, but the password was not stored in the desktop keyring: " + problem
                        + ". Close this dialog to go on without it.");
            }
        });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public StringProperty uriProperty() {
        return uri;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty environmentProperty() {
        return environment;
    }

    public StringProperty colourProperty() {
        return colour;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public StringProperty actionUserProperty() {
        return actionUser;
    }

    public StringProperty sshProperty() {
        return ssh;
    }

    /** Set when the bastion's host key is not in known_hosts: the dialog shows the fingerprint and asks. */
    public ReadOnlyObjectProperty<ConnectFailure> hostKeyQuestionProperty() {
        return hostKeyQuestion.getReadOnlyProperty();
    }

    /** A hot standby to read the monitoring from; empty: read the primary. */
    public StringProperty standbyProperty() {
        return standby;
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    /** Why the last test failed, in the dialog; empty while none failed. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** Store the typed password in the desktop keyring after a successful test. */
    public BooleanProperty rememberPasswordProperty() {
        return rememberPassword;
    }

    /** True when the keyring is there and unlocked, so a password can be stored. */
    public ReadOnlyBooleanProperty keyringUsableProperty() {
        return keyringUsable.getReadOnlyProperty();
    }

    /** "desktop keyring available (…)" or why it is not: the dialog shows it beside the checkbox. */
    public ReadOnlyStringProperty keyringStatusProperty() {
        return keyringStatus.getReadOnlyProperty();
    }

    /** Names of the saved connections whose password is in the keyring. */
    public ObservableSet<String> keyringPasswords() {
        return keyringPasswords;
    }

    public ObservableList<Saved> saved() {
        return saved;
    }

    public BooleanBinding uriLooksValid() {
        return uriLooksValid;
    }
}
