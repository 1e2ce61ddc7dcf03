package io.pitwall.ui.audit;

import atlantafx.base.theme.Styles;
import io.pitwall.runbook.AuditEntry;
import io.pitwall.ui.common.WrappingTextCell;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/** The audit log: who did what, when, why, with what result; the selected entry's SQL and row images; undo. */
public final class AuditView extends VBox {

    /** Every time with its zone: an operator on call reads it beside other teams' logs and pages. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz").withZone(ZoneId.systemDefault());

    private final AuditViewModel viewModel;

    public AuditView(AuditViewModel viewModel) {
        this.viewModel = viewModel;
        setPadding(new Insets(16, 20, 16, 20));
        setSpacing(12);
        SplitPane split = new SplitPane(table(), detail());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        VBox.setVgrow(split, Priority.ALWAYS);
        Label message = new Label();
        message.setId("audit-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        getChildren().addAll(header(), new AuditFilterBar(viewModel), split, undoBar(), message);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                viewModel.reload();
            }
        });
    }

    private HBox header() {
        Label title = new Label("Audit log");
        title.getStyleClass().add(Styles.TITLE_2);
        Label hint = new Label("pitwall.audit_log in this database · last " + AuditViewModel.WINDOW.toDays()
                + " days · times in " + ZoneId.systemDefault().getId());
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button("Refresh", new FontIcon(MaterialDesignR.REFRESH));
        refresh.setId("audit-refresh");
        refresh.setOnAction(e -> viewModel.reload());
        HBox header = new HBox(12, title, hint, spacer, refresh);
        header.setAlignment(Pos.BASELINE_LEFT);
        return header;
    }

    private TableView<AuditViewModel.Row> table() {
        TableView<AuditViewModel.Row> table = new TableView<>(viewModel.rows());
        table.setId("audit-table");
        table.getColumns().add(column("#", 50, e -> String.valueOf(e.id())));
        table.getColumns().add(column("when", 200, e -> TIME.format(e.at())));
        table.getColumns().add(column("connection", 150, e -> e.connection() == null ? "—" : e.connection()));
        table.getColumns().add(column("who", 150, e -> e.osUser() + "@" + e.host() + " (" + e.dbUser() + ")"));
        table.getColumns().add(column("action", 190, e -> e.profileId() + " · " + e.actionId()
                + (e.isUndo() ? " (undo of #" + e.undoOf() + ")" : "") + (e.undoneBy() != null ? " · undone by #" + e.undoneBy() : "")));
        table.getColumns().add(column("rows", 100, e -> e.applied() + " applied"
                + (e.skipped() > 0 ? ", " + e.skipped() + " skipped" : "")));
        table.getColumns().add(column("reason", 300, AuditEntry::reason));
        Label empty = new Label();
        empty.textProperty().bind(Bindings.createStringBinding(() -> viewModel.total() == 0
                ? "No action has been taken on this database yet."
                : "The filter hides every entry: Clear shows them all.", viewModel.rows()));
        table.setPlaceholder(empty);
        // The reason takes what is left; at 1366 px every other column keeps its full text.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().add(Styles.DENSE);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> viewModel.selectedProperty().set(row));
        viewModel.selectedProperty().addListener((obs, old, row) -> {
            if (row != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(row);
            }
        });
        return table;
    }

    /** A column whose text wraps onto more lines instead of ending in "…": at 1366 px every entry reads in full. */
    private static TableColumn<AuditViewModel.Row, String> column(String title, double width, Function<AuditEntry, String> value) {
        TableColumn<AuditViewModel.Row, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        // Only the reason (the last column) gives way, and it wraps too.
        column.setMinWidth(title.equals("reason") ? 200 : width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue().entry())));
        column.setCellFactory(c -> new WrappingTextCell<>(column, "audit-cell-text"));
        return column;
    }

    private TextArea detail() {
        TextArea detail = new TextArea();
        detail.setId("audit-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.getStyleClass().add("sql-text");
        detail.textProperty().bind(Bindings.createStringBinding(() -> {
            AuditViewModel.Row row = viewModel.selectedProperty().get();
            if (row == null) {
                return "Select an entry to see its SQL and the before and after image of every row.";
            }
            AuditEntry e = row.entry();
            java.util.List<String> changes = e.changes();
            String rows = String.join("\n", changes.subList(0, Math.min(changes.size(), 500)))
                    + (changes.size() > 500 ? "\n… " + (changes.size() - 500) + " more" : "");
            return "-- reason: " + e.reason() + "\n-- selector " + e.selectorJson() + "   parameters " + e.parametersJson()
                    + "\n" + e.sql() + "\n\n-- skipped: " + e.skippedJson() + "\n-- changes per row (before → after):\n" + rows;
        }, viewModel.selectedProperty()));
        return detail;
    }

    private HBox undoBar() {
        TextField reason = new TextField();
        reason.setId("undo-reason");
        reason.setPromptText("Why undo? Required; it goes to the audit log");
        reason.textProperty().bindBidirectional(viewModel.undoReasonProperty());
        HBox.setHgrow(reason, Priority.ALWAYS);
        Button undo = new Button("Undo", new FontIcon(MaterialDesignU.UNDO));
        undo.setId("undo-button");
        undo.getStyleClass().add(Styles.DANGER);
        undo.textProperty().bind(Bindings.createStringBinding(() -> viewModel.selectedProperty().get() == null ? "Undo"
                : "Undo #" + viewModel.selectedProperty().get().entry().id(), viewModel.selectedProperty()));
        undo.disableProperty().bind(Bindings.createBooleanBinding(() -> viewModel.selectedProperty().get() == null
                        || !viewModel.selectedProperty().get().undoable() || viewModel.undoReasonProperty().get().isBlank()
                        || viewModel.busyProperty().get(),
                viewModel.selectedProperty(), viewModel.undoReasonProperty(), viewModel.busyProperty()));
        undo.setOnAction(e -> {
            var dialog = viewModel.undoDialog();
            if (dialog != null) {
                new io.pitwall.ui.runbook.ActionDialog(getScene() == null ? null : getScene().getWindow(), dialog).show();
            }
        });
        Label why = new Label();
        why.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        why.textProperty().bind(Bindings.createStringBinding(() -> {
            AuditViewModel.Row row = viewModel.selectedProperty().get();
            return row == null ? "" : row.undoable() ? "Undo restores only rows still as this action left them."
                    : "No undo: " + row.noUndo();
        }, viewModel.selectedProperty()));
        why.setMaxWidth(420);
        why.setWrapText(true);
        HBox bar = new HBox(10, reason, undo, why);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }
}
