package io.pitwall.ui.connect;

import atlantafx.base.theme.Styles;
import io.pitwall.connect.ConnectionIdentity;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Window;

/**
 * Asks which database to open: a URI with a name, environment and colour, saved connections, or the embedded demo.
 * Connect tests the new target first; the dialog stays open with the reason when it fails, and the console keeps
 * the database it was on.
 */
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
        password.setPromptText("only if the keyring, PGPASSWORD or ~/.pgpass has none");
        password.textProperty().bindBidirectional(viewModel.passwordProperty());

        CheckBox remember = new CheckBox("Remember this password in the desktop keyring");
        remember.setId("connect-remember-password");
        remember.selectedProperty().bindBidirectional(viewModel.rememberPasswordProperty());
        // Stored only once the connection passed its test; offered only when a keyring is there, unlocked.
        remember.disableProperty().bind(viewModel.keyringUsableProperty().not()
                .or(viewModel.passwordProperty().isEmpty()));
        Label keyringStatus = new Label();
        keyringStatus.setId("connect-keyring-status");
        keyringStatus.textProperty().bind(viewModel.keyringStatusProperty());
        keyringStatus.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        keyringStatus.setWrapText(true);
        keyringStatus.setMaxWidth(560);
        keyringStatus.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // A disabled control shows no tooltip: the reason is the label below it, the tooltip repeats it when enabled.
        Tooltip why = new Tooltip();
        why.textProperty().bind(viewModel.keyringStatusProperty());
        remember.setTooltip(why);

        GridPane identity = identityFields(viewModel);

        Label failure = new Label();
        failure.setId("connect-failure");
        failure.setWrapText(true);
        failure.setMaxWidth(560);
        // The whole reason, wrapped: the server's message is the useful part and comes last.
        failure.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        failure.getStyleClass().add(Styles.DANGER);
        failure.textProperty().bind(viewModel.failureProperty());
        failure.visibleProperty().bind(viewModel.failureProperty().isNotEmpty());
        failure.managedProperty().bind(failure.visibleProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(18, 18);
        HBox testing = new HBox(8, spinner, new Label("Testing the new connection; the current one stays open…"));
        testing.visibleProperty().bind(viewModel.testingProperty());
        testing.managedProperty().bind(testing.visibleProperty());

        VBox content = new VBox(6, new Label("Connection URI"), uri, uriHint, new Label("Password"), password,
                remember, keyringStatus, identity, new Label("Recent connections"), new SavedList(viewModel), testing,
                failure);
        content.setPadding(new Insets(8, 4, 4, 4));
        getDialogPane().setContent(content);

        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        ButtonType demo = new ButtonType("Open demo database", ButtonBar.ButtonData.LEFT);
        getDialogPane().getButtonTypes().addAll(demo, ButtonType.CANCEL, connect);
        Button connectButton = (Button) getDialogPane().lookupButton(connect);
        connectButton.setId("connect-submit");
        connectButton.getStyleClass().add(Styles.ACCENT);
        connectButton.disableProperty().bind(viewModel.uriLooksValid().not().or(viewModel.testingProperty()));
        // Closing is the connector's call: only a target that passed the test replaces the current one.
        connectButton.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            ConnectRequest request = viewModel.request();
            viewModel.connect(() -> setResult(request));
        });
        viewModel.hostKeyQuestionProperty().addListener((obs, old, question) -> {
            if (question != null) {
                askAboutHostKey(viewModel, question, () -> setResult(viewModel.request()));
            }
        });
        setResultConverter(button -> button == demo ? new ConnectRequest(null, null, true) : null);
        setOnShown(e -> uri.requestFocus());
    }

    /** Never silently: the operator sees the fingerprint and decides; no answer means not trusted. */
    private void askAboutHostKey(ConnectViewModel viewModel, ConnectFailure question, Runnable onConnected) {
        Alert ask = new Alert(Alert.AlertType.WARNING);
        ask.initOwner(getDialogPane().getScene().getWindow());
        ask.setTitle("Unknown SSH host key");
        ask.setHeaderText("Is this really the bastion?  " + question.unknownHostKey());
        Label text = new Label(question.reason());
        text.setWrapText(true);
        text.setMaxWidth(520);
        ask.getDialogPane().setContent(text);
        ask.getDialogPane().setId("host-key-question");
        ButtonType trust = new ButtonType("Trust this key and connect", ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Do not trust", ButtonBar.ButtonData.CANCEL_CLOSE);
        ask.getButtonTypes().setAll(cancel, trust);
        ask.getDialogPane().lookupButton(trust).setId("host-key-trust");
        ask.getDialogPane().lookupButton(cancel).setId("host-key-decline");
        // Not the default button: accepting a host key must be a deliberate click, not a reflexive Enter.
        ((Button) ask.getDialogPane().lookupButton(trust)).setDefaultButton(false);
        ((Button) ask.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        ask.setOnHidden(e -> {
            if (ask.getResult() == trust) {
                viewModel.trustHostKeyAndConnect(onConnected);
            } else {
                viewModel.declineHostKey();
            }
        });
        ask.show();
    }

    private static GridPane identityFields(ConnectViewModel viewModel) {
        TextField name = new TextField();
        name.setId("connect-name");
        name.setPromptText("e.g. orders-eu (default: database on host:port)");
        name.textProperty().bindBidirectional(viewModel.nameProperty());
        ComboBox<String> environment = new ComboBox<>();
        environment.setId("connect-environment");
        environment.setEditable(true);
        environment.getItems().setAll(ConnectViewModel.ENVIRONMENTS);
        environment.setPromptText("production, staging, development…");
        environment.valueProperty().bindBidirectional(viewModel.environmentProperty());
        ColorPicker colour = new ColorPicker();
        colour.setId("connect-colour");
        Runnable showColour = () -> {
            String chosen = viewModel.colourProperty().get();
            colour.setValue(Color.web(chosen == null || chosen.isBlank()
                    ? ConnectionIdentity.defaultColour(viewModel.environmentProperty().get()) : chosen));
        };
        showColour.run();
        viewModel.environmentProperty().addListener((obs, old, now) -> showColour.run());
        viewModel.colourProperty().addListener((obs, old, now) -> showColour.run());
        colour.setOnAction(e -> viewModel.colourProperty().set(hex(colour.getValue())));
        CheckBox readOnly = new CheckBox("Read-only: offer no action on this connection");
        readOnly.setId("connect-read-only");
        readOnly.selectedProperty().bindBidirectional(viewModel.readOnlyProperty());
        TextField actionUser = new TextField();
        actionUser.setId("connect-action-user");
        actionUser.setPromptText("optional: act as this role; its password is asked per action, never kept");
        actionUser.textProperty().bindBidirectional(viewModel.actionUserProperty());
        actionUser.disableProperty().bind(viewModel.readOnlyProperty());

        TextField ssh = new TextField();
        ssh.setId("connect-ssh");
        ssh.setPromptText("optional: [user@]bastion[:port] or a Host of ~/.ssh/config");
        ssh.textProperty().bindBidirectional(viewModel.sshProperty());
        Label sshHint = new Label("Keys from ~/.ssh and ssh-agent; the bastion's host key is checked against "
                + "~/.ssh/known_hosts. The URI then names the database as the bastion sees it.");
        sshHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        sshHint.setWrapText(true);
        sshHint.setMaxWidth(480);
        sshHint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        TextField standby = new TextField();
        standby.setId("connect-standby");
        standby.setPromptText("optional: postgresql://…@replica:5432/db — screens read it, actions go to the primary");
        standby.textProperty().bindBidirectional(viewModel.standbyProperty());

        GridPane grid = new GridPane(10, 6);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Environment"), new HBox(8, environment, colour));
        grid.addRow(2, new Label("Act as role"), actionUser);
        grid.addRow(3, new Label("Monitor on standby"), standby);
        grid.add(readOnly, 1, 4);
        grid.addRow(5, new Label("SSH bastion"), ssh);
        grid.add(sshHint, 1, 6);
        GridPane.setHgrow(name, javafx.scene.layout.Priority.ALWAYS);
        return grid;
    }

    private static String hex(Color colour) {
        return String.format("#%02x%02x%02x", Math.round(colour.getRed() * 255), Math.round(colour.getGreen() * 255),
                Math.round(colour.getBlue() * 255));
    }
}
