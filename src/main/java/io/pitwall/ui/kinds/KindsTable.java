package io.pitwall.ui.kinds;

import io.pitwall.queue.CanonicalState;
import io.pitwall.ui.common.WrappingTextCell;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.text.NumberFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** One row per kind: full names, a column per state, the oldest queued age, a paused badge and the step button. */
final class KindsTable extends TableView<KindRow> {

    private static final NumberFormat NUMBERS = NumberFormat.getIntegerInstance();
    private Consumer<KindRow> stepHandler = row -> { };
    private Function<KindRow, String> stepLabel = row -> null;

    KindsTable(ObservableList<KindRow> rows) {
        super(rows);
        setId("kinds-table");
        getStyleClass().addAll("tasks-table", "kinds-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // Names wrap rather than end in "…": at 1366 px a long kind takes two lines, never loses its tail.
        TableColumn<KindRow, String> queue = text("Queue", 170, KindRow::queueTitle);
        TableColumn<KindRow, String> kind = text("Kind", 210, KindRow::kindLabel);
        kind.setId("kinds-col-kind");
        TableColumn<KindRow, Long> succeeded = count(CanonicalState.SUCCEEDED);
        // Finished work is history, not something to act on: one click away in the column menu.
        succeeded.setVisible(false);
        setTableMenuButtonVisible(true);
        getColumns().setAll(List.of(queue, kind,
                count(CanonicalState.QUEUED), age(), count(CanonicalState.RUNNING), count(CanonicalState.SCHEDULED),
                count(CanonicalState.PAUSED), count(CanonicalState.FAILED), succeeded, step()));
        Label empty = new Label("No kinds yet: reading the queues…");
        empty.getStyleClass().add("text-muted");
        setPlaceholder(empty);
    }

    /** @param label the button's words for a row ("Pause…"), or null when its profile has no such step */
    void setStep(Function<KindRow, String> label, Consumer<KindRow> handler) {
        this.stepLabel = label;
        this.stepHandler = handler;
        refresh();
    }

    private static TableColumn<KindRow, String> text(String title, double width, Function<KindRow, String> value) {
        TableColumn<KindRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(130);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new WrappingTextCell<>(column, "wrapping-cell-text", "kind-text"));
        return column;
    }

    private static TableColumn<KindRow, Long> count(CanonicalState state) {
        String name = state.name().charAt(0) + state.name().substring(1).toLowerCase();
        TableColumn<KindRow, Long> column = new TableColumn<>(name);
        column.setId("kinds-col-" + state.name().toLowerCase());
        // Wide enough for its header in bold ("Scheduled"): a count nobody can name is no use.
        column.setPrefWidth(state == CanonicalState.SCHEDULED ? 104 : 86);
        column.setMinWidth(state == CanonicalState.SCHEDULED ? 104 : 80);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().counts().get(state)));
        String style = "state-" + state.name().toLowerCase();
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                KindRow row = empty || getIndex() < 0 || getIndex() >= getTableView().getItems().size() ? null
                        : getTableView().getItems().get(getIndex());
                boolean none = row != null && row.notBrokenDown(state);
                setText(empty || item == null ? null : none ? "–" : NUMBERS.format(item));
                setTooltip(none ? new javafx.scene.control.Tooltip("Estimated for the whole table only: no count per kind") : null);
                getStyleClass().removeAll(style, "zero-count", "count-cell");
                if (!empty && item != null) {
                    getStyleClass().addAll("count-cell", item == 0 || none ? "zero-count" : style);
                }
            }
        });
        return column;
    }

    private static TableColumn<KindRow, java.time.Duration> age() {
        TableColumn<KindRow, java.time.Duration> column = new TableColumn<>("Oldest queued");
        column.setId("kinds-col-oldest");
        column.setPrefWidth(138);
        column.setMinWidth(138);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().oldestQueued()));
        column.setComparator(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(java.time.Duration item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : KindsView.age(item));
            }
        });
        return column;
    }

    private TableColumn<KindRow, KindRow> step() {
        TableColumn<KindRow, KindRow> column = new TableColumn<>("Paused? · step");
        column.setPrefWidth(200);
        column.setMinWidth(185);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button();
            private final Label chip = new Label();
            private final javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(8);

            {
                chip.getStyleClass().add("paused-badge");
                box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                button.getStyleClass().add(atlantafx.base.theme.Styles.SMALL);
                button.setMnemonicParsing(false);
                button.setOnAction(e -> {
                    if (getItem() != null) {
                        getTableView().getSelectionModel().clearAndSelect(getIndex());
                        stepHandler.accept(getItem());
                    }
                });
            }

            @Override
            protected void updateItem(KindRow item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                box.getChildren().clear();
                if (item.paused() || item.partlyPaused()) {
                    // Partly paused reads from the counts beside it; the badge stays short enough to never cut.
                    chip.setText("PAUSED");
                    chip.setTooltip(new javafx.scene.control.Tooltip(item.paused() ? "Every waiting task of this kind is paused"
                            : "Some of this kind is paused, some still queued"));
                    box.getChildren().add(chip);
                }
                String label = stepLabel.apply(item);
                if (label != null) {
                    button.setText(label);
                    button.setId("kind-step-" + item.profileId() + "-" + item.kind().replaceAll("[^A-Za-z0-9-]", "_"));
                    box.getChildren().add(button);
                }
                setGraphic(box.getChildren().isEmpty() ? null : box);
            }
        });
        return column;
    }
}
