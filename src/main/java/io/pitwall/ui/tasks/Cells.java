package io.pitwall.ui.tasks;

import io.pitwall.queue.Ages;
import io.pitwall.ui.common.WrappingTextCell;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;

/** Table columns that read at a glance: text with the full value in a tooltip, ages, monospace ids. */
final class Cells {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Cells() {
    }

    /** Text that wraps onto more lines instead of being cut: for the column an operator must read in full. */
    static <T> TableColumn<T, String> wrapping(String title, double width, Function<T, String> value, String... styles) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        String[] textStyles = Stream.concat(Stream.of("wrapping-cell-text"), Arrays.stream(styles))
                .toArray(String[]::new);
        column.setCellFactory(c -> new WrappingTextCell<>(column, textStyles));
        return column;
    }

    static <T> TableColumn<T, String> text(String title, double width, Function<T, String> value, String... styles) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setMinWidth(Math.min(width, 70));
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                String shown = empty || item == null ? null : item.lines().findFirst().orElse("");
                setText(shown);
                setTooltip(empty || item == null || item.length() < 40 ? null : new Tooltip(item));
                getStyleClass().removeAll(styles);
                if (!empty && item != null) {
                    getStyleClass().addAll(styles);
                }
            }
        });
        return column;
    }

    /** "10 min ago", sorted by the instant; the exact local time in the tooltip. */
    static <T> TableColumn<T, Instant> age(String title, Function<T, Instant> value) {
        TableColumn<T, Instant> column = new TableColumn<>(title);
        column.setPrefWidth(105);
        column.setMinWidth(95);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "never" : ago(item));
                setTooltip(empty || item == null ? null : new Tooltip(LOCAL.format(item)));
            }
        });
        return column;
    }

    static String ago(Instant at) {
        return Ages.relative(at, Instant.now());
    }
}
