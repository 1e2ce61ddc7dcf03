package io.pitwall.ui.connect;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.SavedConnections.Saved;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.function.Consumer;

/**
 * The connect dialog's state: what is typed, which saved connections exist, whether the input looks usable, and
 * the test of the new target. The dialog closes only when the test passed; until then the current connection stays.
 */
public final class ConnectViewModel {

    /** Tests a request and, when it passes, switches to it; exactly one callback runs, on the FX thread. */
    public interface Connector {
        void open(ConnectRequest request, Consumer<String> onFailure, Runnable onSuccess);
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
    private final StringProperty standby = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper("");
    private final ObservableList<Saved> saved = FXCollections.observableArrayList();
    private final BooleanBinding uriLooksValid;
    private final Connector connector;

    public ConnectViewModel(List<Saved> savedConnections, String initialUri) {
        this(savedConnections, initialUri, null);
    }

    public ConnectViewModel(List<Saved> savedConnections, String initialUri, Connector connector) {
        this.connector = connector;
        saved.setAll(savedConnections);
        uri.set(initialUri == null ? "" : initialUri);
        uriLooksValid = Bindings.createBooleanBinding(() -> looksValid(uri.get()), uri);
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
            standby.set(connection.standbyUri() == null ? "" : connection.standbyUri());
        }
    }

    public ConnectRequest request() {
        return new ConnectRequest(uri.get().strip(), blankToNull(password.get()), false, blankToNull(name.get()),
                blankToNull(environment.get()), blankToNull(colour.get()), readOnly.get(), blankToNull(actionUser.get()),
                blankToNull(standby.get()));
    }

    /** Tests the target; {@code onConnected} runs only when it passed, otherwise the failure is shown and kept. */
    public void connect(Runnable onConnected) {
        if (connector == null || testing.get()) {
            return;
        }
        testing.set(true);
        failure.set("");
        connector.open(request(), reason -> {
            testing.set(false);
            failure.set(reason);
        }, () -> {
            testing.set(false);
            onConnected.run();
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

    public ObservableList<Saved> saved() {
        return saved;
    }

    public BooleanBinding uriLooksValid() {
        return uriLooksValid;
    }
}
