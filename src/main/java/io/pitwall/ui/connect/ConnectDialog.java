package io.pitwall.ui.connect;

import atlantafx.base.theme.Styles;
import io.pitwall.connect.SavedConnections.Saved;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Asks which database to open: a URI, saved connections, or the embedded demo. */
public final class ConnectDialog extends Dialog<ConnectRequest> {

    public ConnectDialog(Window owner, ConnectViewModel viewModel) {
        initOwner(owner);
        setTitle("Connect to a queue database");
        setHeaderText("Which PostgreSQL database holds the queues?");

        TextField uri = new TextField();
        uri.setId("connect-uri");
        uri.setPromptText("postgresql://user@host:5432/db?sslmode=require");
        uri.textProperty().bindBidirectional(viewModel.uriProperty());
        uri.setPrefColumnCount(44);
        Label uriHint = new Label("Leave empty to use PGHOST, PGPORT, PGDATABASE, PGUSER, PGSERVICE and ~/.pgpass, as psql does.");
        uriHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        uriHint.setWrapText(true);

        PasswordField password = new PasswordField();
        password.setId("connect-password");
        password.setPromptText("only if ~/.pgpass or PGPASSWORD has none");
        password.textProperty().bindBidirectional(viewModel.passwordProperty());

        ListView<Saved> saved = new ListView<>(viewModel.saved());
        saved.setPrefHeight(140);
        saved.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Saved item, boolean empty) {
                super.updateItem(item, empty);
                setText(item != null && !empty ? item.name() + "   " + item.uri() : null);
            }
        });
        saved.getSelectionModel().selectedItemProperty().addListener((obs, old, chosen) -> viewModel.choose(chosen));
        saved.setPlaceholder(new Label("No saved connections yet"));
        Label savedHint = new Label("Saved without passwords.");
        savedHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        VBox content = new VBox(6, new Label("Connection URI"), uri, uriHint, new Label("Password"), password,
                new Label("Recent connections"), saved, savedHint);
        content.setPadding(new Insets(8, 4, 4, 4));
        getDialogPane().setContent(content);

        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        ButtonType demo = new ButtonType("Open demo database", ButtonBar.ButtonData.LEFT);
        getDialogPane().getButtonTypes().addAll(demo, ButtonType.CANCEL, connect);
        Button connectButton = (Button) getDialogPane().lookupButton(connect);
        connectButton.getStyleClass().add(Styles.ACCENT);
        connectButton.disableProperty().bind(viewModel.uriLooksValid().not());
        setResultConverter(button -> {
            if (button == connect) {
                return viewModel.request();
            }
            if (button == demo) {
                return new ConnectRequest(null, null, true);
            }
            return null;
        });
        setOnShown(e -> uri.requestFocus());
    }
}
