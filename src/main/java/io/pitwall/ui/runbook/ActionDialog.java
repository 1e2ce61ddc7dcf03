package io.pitwall.ui.runbook;

import atlantafx.base.theme.Styles;
import io.pitwall.runbook.ActionPreview;
import io.pitwall.runbook.PreviewRow;
import io.pitwall.runbook.Skip;
import io.pitwall.ui.runbook.ActionDialogViewModel.Phase;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import io.pitwall.connect.ConnectionIdentity;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * The confirm dialog of the safe-action contract: it names the verb and the rows at risk, shows them and the SQL,
 * requires a reason, asks for the count to be typed for large changes, then shows what was applied and skipped.
 */
public final class ActionDialog extends Stage {

    private final ActionDialogViewModel viewModel;

    public ActionDialog(Window owner, ActionDialogViewModel viewModel) {
        this.viewModel = viewModel;
        if (owner != null) {
            initOwner(owner);
            initModality(Modality.WINDOW_MODAL);
        }
        setTitle(viewModel.spec().title());
        VBox root = new VBox(12, connectionStrip(), header(), parameters(), PreviewRowsTable.of(viewModel), sqlPane(), confirm(), progress(), result(), buttons());
        root.setPadding(new Insets(18));
        root.getStyleClass().add("action-dialog");
        // Never taller than the screen less the window's top bar, so the connection stays visible behind it.
        double height = Math.min(760, javafx.stage.Screen.getPrimary().getVisualBounds().getHeight() - 110);
        Scene scene = new Scene(root, 1040, height);
        if (owner != null) {
            setOnShown(e -> setY(Math.max(getY(), owner.getY() + 90)));
        }
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        setScene(scene);
        viewModel.refreshPreview();
    }

    /** Which database this changes, in its environment's colour: the operator sees it before anything else. */
    private Label connectionStrip() {
        ConnectionIdentity identity = viewModel.identity();
        Label strip = new Label("On " + identity.label() + (identity.readOnly() ? " · read-only: no action runs here" : ""));
        strip.setId("action-connection");
        strip.getStyleClass().add("connection-strip");
        strip.setStyle("-fx-background-color: " + identity.colour() + ";");
        strip.setMaxWidth(Double.MAX_VALUE);
        return strip;
    }

    private VBox header() {
        Label headline = new Label();
        headline.setId("action-headline");
        headline.getStyleClass().addAll(Styles.TITLE_3, "action-headline");
        headline.textProperty().bind(Bindings.createStringBinding(() -> viewModel.headlineProperty().get().isEmpty()
                ? viewModel.spec().title() + " …" : viewModel.headlineProperty().get(), viewModel.headlineProperty()));
        Label description = new Label(viewModel.spec().description() == null ? "" : viewModel.spec().description());
        description.setWrapText(true);
        description.getStyleClass().add(Styles.TEXT_MUTED);
        Label where = new Label();
        where.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        where.textProperty().bind(Bindings.createStringBinding(() -> {
            ActionPreview p = viewModel.previewProperty().get();
            return p == null ? "" : p.binding().profile().id() + " · " + p.actsOn() + " · " + p.matched()
                    + " selected, " + p.allowedRows().size() + " would change, " + p.skipped().size() + " refused by a guard";
        }, viewModel.previewProperty()));
        VBox header = new VBox(4, headline, where, description);
        if (viewModel.spec().warning() != null) {
            // Stays in the header, so it is read before confirming and is still there beside the result.
            Label warning = new Label("\u26a0 " + viewModel.spec().warning());
            warning.setId("action-warning");
            warning.setWrapText(true);
            warning.getStyleClass().add(Styles.WARNING);
            header.getChildren().add(warning);
        }
        return header;
    }

    private GridPane parameters() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int row = 0;
        for (Map.Entry<String, javafx.beans.property.StringProperty> entry : viewModel.parameters().entrySet()) {
            TextField field = new TextField();
            field.setId("param-" + entry.getKey());
            field.textProperty().bindBidirectional(entry.getValue());
            String help = viewModel.spec().parameter(entry.getKey()).map(p -> p.description() == null ? "" : p.description()
                    + (p.choices().isEmpty() ? "" : " " + p.choices())).orElse("");
            Label hint = new Label(help);
            hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            grid.addRow(row++, new Label(entry.getKey()), field, hint);
        }
        if (row > 0) {
            Button again = new Button("Preview again");
            again.setId("preview-again");
            again.disableProperty().bind(viewModel.phaseProperty().isNotEqualTo(Phase.READY));
            again.setOnAction(e -> viewModel.refreshPreview());
            grid.add(again, 1, row);
        }
        grid.setVisible(row > 0);
        grid.setManaged(row > 0);
        return grid;
    }

    private TitledPane sqlPane() {
        TextArea sql = new TextArea();
        sql.setId("action-sql");
        sql.setEditable(false);
        sql.setWrapText(true);
        sql.getStyleClass().add("sql-text");
        sql.textProperty().bind(viewModel.sqlProperty());
        sql.setPrefRowCount(7);
        TitledPane pane = new TitledPane("SQL, run in one transaction per batch", sql);
        pane.getStyleClass().add(Styles.DENSE);
        return pane;
    }

    private VBox confirm() {
        TextField reason = new TextField();
        reason.setId("action-reason");
        reason.setPromptText("Why? Required; it goes to the audit log (ticket, incident, what you saw)");
        reason.textProperty().bindBidirectional(viewModel.reasonProperty());
        TextField count = new TextField();
        count.setId("action-typed-count");
        count.setPrefColumnCount(8);
        count.textProperty().bindBidirectional(viewModel.typedCountProperty());
        Label countLabel = new Label();
        countLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            ActionPreview p = viewModel.previewProperty().get();
            return p == null ? "" : "This changes " + p.allowedRows().size() + " rows. Type " + p.allowedRows().size()
                    + " to confirm:";
        }, viewModel.previewProperty()));
        HBox countRow = new HBox(8, countLabel, count);
        countRow.setAlignment(Pos.CENTER_LEFT);
        BooleanBinding large = Bindings.createBooleanBinding(() -> viewModel.previewProperty().get() != null
                && viewModel.previewProperty().get().large(), viewModel.previewProperty());
        countRow.visibleProperty().bind(large);
        countRow.managedProperty().bind(large);
        CheckBox everyRow = new CheckBox();
        everyRow.setId("action-every-row");
        everyRow.selectedProperty().bindBidirectional(viewModel.everyRowProperty());
        everyRow.textProperty().bind(Bindings.createStringBinding(() -> {
            ActionPreview p = viewModel.previewProperty().get();
            return p == null ? "" : "Every row: act on all " + p.allowedRows().size() + " rows this finds, although none "
                    + "was named and it cannot be undone (the command line's --all)";
        }, viewModel.previewProperty()));
        BooleanBinding needsAll = Bindings.createBooleanBinding(() -> viewModel.previewProperty().get() != null
                && viewModel.previewProperty().get().needsAll(), viewModel.previewProperty());
        everyRow.visibleProperty().bind(needsAll);
        everyRow.managedProperty().bind(needsAll);
        TextField name = new TextField();
        name.setId("action-typed-name");
        name.setPrefColumnCount(16);
        name.textProperty().bindBidirectional(viewModel.typedNameProperty());
        HBox nameRow = new HBox(8, new Label("This is a production database. Type its name, "
                + viewModel.identity().name() + ", to confirm:"), name);
        nameRow.setAlignment(Pos.CENTER_LEFT);
        nameRow.setVisible(viewModel.identity().production());
        nameRow.setManaged(nameRow.isVisible());
        VBox box = new VBox(8, reason, everyRow, countRow, nameRow, actionPasswordRow());
        box.disableProperty().bind(viewModel.phaseProperty().isNotEqualTo(Phase.READY));
        // From the keyboard, the reason is the next thing to give once the rows are read: the caret goes there.
        viewModel.phaseProperty().addListener((obs, old, phase) -> {
            if (phase == Phase.READY && !(getScene().getFocusOwner() instanceof TextField)) {
                javafx.application.Platform.runLater(reason::requestFocus);
            }
        });
        return box;
    }

    /** The action role's password, asked here for this action only; the field empties when the action starts. */
    private HBox actionPasswordRow() {
        javafx.scene.control.PasswordField password = new javafx.scene.control.PasswordField();
        password.setId("action-role-password");
        password.setPrefColumnCount(16);
        password.textProperty().bindBidirectional(viewModel.actionPasswordProperty());
        String role = viewModel.actionRoleAsked();
        HBox row = new HBox(8, new Label("Acting as role " + role + ". Its password, for this action only (not kept):"),
                password);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setVisible(role != null);
        row.setManaged(role != null);
        return row;
    }

    private HBox progress() {
        ProgressBar bar = new ProgressBar();
        bar.setId("action-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        bar.progressProperty().bind(viewModel.progressProperty());
        Button stop = new Button("Stop after this batch");
        stop.setOnAction(e -> viewModel.cancelRemaining());
        HBox box = new HBox(10, bar, stop);
        box.setAlignment(Pos.CENTER_LEFT);
        BooleanBinding running = viewModel.phaseProperty().isEqualTo(Phase.RUNNING);
        box.visibleProperty().bind(running);
        box.managedProperty().bind(running);
        return box;
    }

    private VBox result() {
        Label message = new Label();
        message.setId("action-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        message.getStyleClass().add("action-message");
        viewModel.phaseProperty().addListener((obs, old, phase) -> {
            message.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            if (phase == Phase.DONE) {
                message.getStyleClass().add(Styles.SUCCESS);
            } else if (phase == Phase.FAILED) {
                message.getStyleClass().add(Styles.DANGER);
            }
        });
        TableView<Skip> skipped = new TableView<>(viewModel.skipped());
        skipped.setId("action-skipped");
        skipped.getColumns().add(PreviewRowsTable.column("skipped", 150, Skip::id));
        skipped.getColumns().add(PreviewRowsTable.column("reason", 620, Skip::reason));
        skipped.getStyleClass().add(Styles.DENSE);
        skipped.setPrefHeight(130);
        BooleanBinding show = viewModel.phaseProperty().isEqualTo(Phase.DONE).and(Bindings.isNotEmpty(viewModel.skipped()));
        skipped.visibleProperty().bind(show);
        skipped.managedProperty().bind(show);
        return new VBox(6, message, skipped);
    }

    private HBox buttons() {
        Button close = new Button();
        close.setId("action-close");
        close.textProperty().bind(Bindings.when(viewModel.phaseProperty().isEqualTo(Phase.DONE)).then("Close").otherwise("Cancel"));
        close.disableProperty().bind(viewModel.phaseProperty().isEqualTo(Phase.RUNNING));
        close.setCancelButton(true);
        // An action that ends or removes work (or one whose profile does not say): Enter means Cancel, never apply.
        close.setDefaultButton(viewModel.spec().confirmsAsDestructive());
        close.setOnAction(e -> close());
        Button apply = new Button();
        apply.setId("action-apply");
        apply.getStyleClass().add(viewModel.spec().isDestructive() ? Styles.DANGER : Styles.ACCENT);
        apply.textProperty().bind(Bindings.createStringBinding(() -> {
            ActionPreview p = viewModel.previewProperty().get();
            return viewModel.spec().verb() + (p == null ? "" : " " + p.allowedRows().size());
        }, viewModel.previewProperty()));
        apply.disableProperty().bind(viewModel.canApplyProperty().not());
        apply.setOnAction(e -> viewModel.apply());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(10, spacer, close, apply);
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }
}
