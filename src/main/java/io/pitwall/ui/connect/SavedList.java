package io.pitwall.ui.connect;

import atlantafx.base.theme.Styles;
import io.pitwall.connect.SavedConnections.Saved;
import javafx.beans.binding.Bindings;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;

/**
 * The Connect dialog's saved connections: choosing one fills the form; one whose password is in the desktop keyring
 * shows a key, and "Forget password" removes that password from the keyring.
 */
final class SavedList extends VBox {

    SavedList(ConnectViewModel viewModel) {
        super(6);
        ListView<Saved> saved = new ListView<>(viewModel.saved());
        saved.setId("connect-saved");
        saved.setPrefHeight(120);
        saved.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Saved item, boolean empty) {
                super.updateItem(item, empty);
                boolean inKeyring = item != null && !empty && viewModel.keyringPasswords().contains(item.name());
                // The keyring mark next to the name: the URI after it may run past the list's edge.
                setText(item != null && !empty ? item.identity().label()
                        + (inKeyring ? " · password in keyring" : "") + "   " + item.uri()
                        + (item.ssh() == null || item.ssh().isBlank() ? "" : "   via ssh " + item.ssh())
                        + (item.readOnly() ? "   read-only" : "") : null);
                setGraphic(inKeyring ? new FontIcon(MaterialDesignK.KEY_VARIANT) : null);
            }
        });
        viewModel.keyringPasswords().addListener((SetChangeListener<String>) change -> saved.refresh());
        saved.getSelectionModel().selectedItemProperty().addListener((obs, old, chosen) -> viewModel.choose(chosen));
        saved.setPlaceholder(new Label("No saved connections yet"));

        Label hint = new Label("Saved without passwords; one you chose to remember is in the desktop keyring.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        Button forget = new Button("Forget password", new FontIcon(MaterialDesignK.KEY_REMOVE));
        forget.setId("connect-forget-password");
        forget.getStyleClass().add(Styles.SMALL);
        forget.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            Saved chosen = saved.getSelectionModel().getSelectedItem();
            return chosen == null || !viewModel.keyringPasswords().contains(chosen.name());
        }, saved.getSelectionModel().selectedItemProperty(), viewModel.keyringPasswords()));
        forget.setMinWidth(Region.USE_PREF_SIZE);
        forget.setOnAction(e -> viewModel.forgetPassword(saved.getSelectionModel().getSelectedItem()));
        HBox.setHgrow(hint, Priority.ALWAYS);
        hint.setMaxWidth(Double.MAX_VALUE);
        HBox below = new HBox(8, hint, forget);
        below.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(saved, below);
    }
}
