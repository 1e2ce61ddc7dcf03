package io.pitwall.ui.tasks;

import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.List;

/** What a table shows, as CSV (RFC 4180 quoting): the visible columns, every loaded row, full cell values. */
final class Csv {

    private Csv() {
    }

    static <T> String of(TableView<T> table) {
        StringBuilder out = new StringBuilder();
        List<TableColumn<T, ?>> columns = table.getVisibleLeafColumns();
        for (int c = 0; c < columns.size(); c++) {
            out.append(c == 0 ? "" : ",").append(quote(columns.get(c).getText()));
        }
        out.append("\r\n");
        for (T row : table.getItems()) {
            for (int c = 0; c < columns.size(); c++) {
                Object value = columns.get(c).getCellObservableValue(row).getValue();
                out.append(c == 0 ? "" : ",").append(quote(value == null ? "" : value.toString()));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
