package io.pitwall.ui.runbook;

import atlantafx.base.theme.Styles;
import io.pitwall.runbook.PreviewRow;
import io.pitwall.ui.runbook.ActionDialogViewModel.Phase;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/** The rows an action would touch, each with its guard's verdict; refused rows are marked. */
final class PreviewRowsTable {

    private PreviewRowsTable() {
    }

    static TableView<PreviewRow> of(ActionDialogViewModel viewModel) {
        TableView<PreviewRow> table = new TableView<>(viewModel.rows());
        table.setId("preview-rows");
        table.getColumns().add(column("id", 270, PreviewRow::id));
        table.getColumns().add(column("state", 100, PreviewRow::state));
        table.getColumns().add(column("holder", 150, PreviewRow::holder));
        table.getColumns().add(column("age", 90, r -> age(r.since())));
        table.getColumns().add(column("guard", 400, r -> r.allowed() ? "will change" : "skip: " + r.refusal()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PreviewRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("refused-row");
                if (!empty && item != null && !item.allowed()) {
                    getStyleClass().add("refused-row");
                }
            }
        });
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(viewModel.phaseProperty().isEqualTo(Phase.PREVIEWING))
                .then("Reading the rows this action would touch…").otherwise("No row matches this selection."));
        table.setPlaceholder(placeholder);
        table.getStyleClass().add(Styles.DENSE);
        table.setPrefHeight(220);
        VBox.setVgrow(table, Priority.ALWAYS);
        return table;
    }

    static String age(Instant since) {
        if (since == null) {
            return "";
        }
        Duration age = Duration.between(since, Instant.now());
        if (age.toDays() > 0) {
            return age.toDays() + " d";
        }
        if (age.toHours() > 0) {
            return age.toHours() + " h " + age.toMinutesPart() + " m";
        }
        return age.toMinutes() > 0 ? age.toMinutes() + " m " + age.toSecondsPart() + " s" : age.toSeconds() + " s";
    }

    static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }
}
