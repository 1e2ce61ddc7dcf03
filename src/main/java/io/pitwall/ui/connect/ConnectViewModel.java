package io.pitwall.ui.connect;

import io.pitwall.connect.SavedConnections.Saved;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/** The connect dialog's state: what is typed, which saved connections exist, and whether the input looks usable. */
public final class ConnectViewModel {

    // Properties
    private final StringProperty uri = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final ObservableList<Saved> saved = FXCollections.observableArrayList();
    private final BooleanBinding uriLooksValid;

    public ConnectViewModel(List<Saved> savedConnections, String initialUri) {
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
            uri.set(connection.uri());
        }
    }

    public ConnectRequest request() {
        String typed = password.get();
        return new ConnectRequest(uri.get().strip(), typed == null || typed.isEmpty() ? null : typed, false);
    }

    public StringProperty uriProperty() {
        return uri;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public ObservableList<Saved> saved() {
        return saved;
    }

    public BooleanBinding uriLooksValid() {
        return uriLooksValid;
    }
}
