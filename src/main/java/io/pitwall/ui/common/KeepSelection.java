package io.pitwall.ui.common;

import javafx.collections.ListChangeListener;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Keeps the operator's selection across a periodic refresh: a refresh replaces every row (the evidence and ages
 * change), which clears the table's selection; this selects again the rows with the same keys, if still there.
 */
public final class KeepSelection<T> {

    private final TableView<T> table;
    private final Function<T, Object> key;
    private List<Object> wanted = List.of();
    private boolean restoring;

    private KeepSelection(TableView<T> table, Function<T, Object> key) {
        this.table = table;
        this.key = key;
    }

    public static <T> KeepSelection<T> install(TableView<T> table, Function<T, Object> key) {
        KeepSelection<T> keeper = new KeepSelection<>(table, key);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<T>) c -> keeper.selectionChanged());
        // Added after the table's own listener, so this runs once the table has dropped its selection.
        table.getItems().addListener((ListChangeListener<T>) c -> keeper.restore());
        return keeper;
    }

    /** The keys of the rows the operator chose; an empty selection caused by a refresh does not count. */
    public List<Object> wanted() {
        return wanted;
    }

    /** Forget the choice: the next refresh selects nothing (Escape, a new filter). */
    public void forget() {
        wanted = List.of();
    }

    private void selectionChanged() {
        if (restoring) {
            return;
        }
        List<T> selected = table.getSelectionModel().getSelectedItems();
        if (!selected.isEmpty()) {
            wanted = selected.stream().filter(Objects::nonNull).map(key).toList();
        }
    }

    private void restore() {
        if (wanted.isEmpty()) {
            return;
        }
        List<Object> now = table.getSelectionModel().getSelectedItems().stream().filter(Objects::nonNull).map(key).toList();
        if (now.equals(wanted)) {
            return;
        }
        List<Integer> indices = new ArrayList<>();
        List<T> items = table.getItems();
        for (Object k : wanted) {
            for (int i = 0; i < items.size(); i++) {
                if (k.equals(key.apply(items.get(i)))) {
                    indices.add(i);
                    break;
                }
            }
        }
        if (indices.isEmpty()) {
            return;
        }
        restoring = true;
        try {
            table.getSelectionModel().clearSelection();
            int[] rest = indices.stream().skip(1).mapToInt(Integer::intValue).toArray();
            table.getSelectionModel().selectIndices(indices.getFirst(), rest);
            table.getFocusModel().focus(indices.getFirst());
        } finally {
            restoring = false;
        }
    }
}
