package io.pitwall.ui.common;

import javafx.geometry.Bounds;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The keyboard's way to a row's actions: Shift+F10 and the Menu key open the table's context menu beside the
 * focused row. Not every platform turns those keys into a context-menu request (GTK under X does not), so the
 * table listens for them itself.
 */
public final class TableKeys {

    private TableKeys() {
    }

    public static boolean opensMenu(KeyEvent event) {
        return event.getCode() == KeyCode.CONTEXT_MENU || (event.getCode() == KeyCode.F10 && event.isShiftDown());
    }

    public static void installMenuKeys(TableView<?> table) {
        table.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (opensMenu(event) && table.getContextMenu() != null) {
                event.consume();
                showMenu(table);
            }
        });
    }

    /** Opens the table's context menu under the focused row, or at the table's top when no row is focused. */
    public static void showMenu(TableView<?> table) {
        ContextMenu menu = table.getContextMenu();
        if (menu == null) {
            return;
        }
        if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
            int focused = Math.max(0, table.getFocusModel().getFocusedIndex());
            table.getSelectionModel().select(focused);
        }
        Node row = focusedRow(table);
        Node anchor = row != null ? row : table;
        Bounds bounds = anchor.localToScreen(anchor.getBoundsInLocal());
        if (bounds == null) {
            menu.show(table, Side.TOP, 0, 0);
            return;
        }
        menu.show(anchor, bounds.getMinX() + Math.min(160, bounds.getWidth() / 3), bounds.getMaxY());
    }

    private static Node focusedRow(TableView<?> table) {
        int index = table.getSelectionModel().getSelectedIndex();
        for (Node node : table.lookupAll(".table-row-cell")) {
            if (node instanceof TableRow<?> row && row.getIndex() == index && !row.isEmpty() && row.isVisible()) {
                return row;
            }
        }
        return null;
    }
}
