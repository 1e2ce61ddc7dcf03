package io.pitwall.ui.common;

import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.text.Text;

/**
 * A table cell whose text wraps onto more lines instead of ending in "…", for the columns an operator must read in
 * full. A Text with a wrapping width gives the row its true height; a wrapped Label stops at two lines.
 */
public final class WrappingTextCell<S> extends TableCell<S, String> {

    private final Text text = new Text();

    /** @param styles the Text's style classes, which the stylesheet colours per table */
    public WrappingTextCell(TableColumn<S, String> column, String... styles) {
        text.getStyleClass().addAll(styles);
        text.wrappingWidthProperty().bind(column.widthProperty().subtract(14));
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        text.setText(empty || item == null ? "" : item);
        setGraphic(empty || item == null ? null : text);
        setText(null);
    }
}
