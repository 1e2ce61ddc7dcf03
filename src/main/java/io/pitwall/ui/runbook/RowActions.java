package io.pitwall.ui.runbook;

import io.pitwall.profile.ActionSpec;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.ui.common.TableKeys;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A row menu on a table of tasks: the profile's actions that act on named tasks, for the selected rows (a stuck
 * task, failed tasks, every task of an error group, what a worker holds). Right click, Shift+F10 or the Menu key
 * opens it; shift- and ctrl-click select several rows. Each entry opens the confirm dialog, which previews the rows.
 */
public final class RowActions {

    /** The tasks the selected rows stand for. */
    public record Selection(String profileId, String where, List<String> ids, String label, String object,
                            String kind, String queue) {

        public Selection(String profileId, String where, List<String> ids, String label) {
            this(profileId, where, ids, label, "task");
        }

        public Selection(String profileId, String where, List<String> ids, String label, String object) {
            this(profileId, where, ids, label, object, null, null);
        }

        /** The same rows, saying which kind and queue they are of, so the menu can offer the kind's and queue's actions. */
        public Selection of(String rowKind, String rowQueue) {
            return new Selection(profileId, where, ids, label, object, rowKind, rowQueue);
        }

        boolean sameQueue(Selection other) {
            return profileId.equals(other.profileId) && Objects.equals(where, other.where) && object.equals(other.object);
        }
    }

    /**
     * A wider choice than the selected rows, offered beside them: "every task matching this filter". The ids are
     * read when chosen (off the FX thread, by the screen), then go through the same preview, batches and typed count.
     */
    public interface Wider {
        /** The menu's words for it, for the queue of the selected rows; null when it does not apply. */
        String label(Selection selected);

        /** Reads the ids and hands the selection over on the FX thread. */
        void load(Selection selected, Consumer<Selection> then);
    }

    private RowActions() {
    }

    public static <T> void install(TableView<T> table, ActionLauncher launcher, Function<T, Selection> selection) {
        install(table, launcher, selection, List.of());
    }

    public static <T> void install(TableView<T> table, ActionLauncher launcher, Function<T, Selection> selection,
                                   List<Wider> wider) {
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        ContextMenu menu = new ContextMenu();
        menu.setOnShowing(e -> fill(menu, table, launcher, selected(table, selection), wider));
        menu.getItems().add(disabled("…"));
        table.setContextMenu(menu);
        TableKeys.installMenuKeys(table);
    }

    /** The selected rows as one selection, or a reason why they cannot be one. */
    static <T> Object selected(TableView<T> table, Function<T, Selection> selection) {
        List<Selection> parts = new ArrayList<>();
        for (T item : List.copyOf(table.getSelectionModel().getSelectedItems())) {
            Selection one = item == null ? null : selection.apply(item);
            if (one != null && !one.ids().isEmpty()) {
                parts.add(one);
            }
        }
        if (parts.isEmpty()) {
            return "Select a task to act on it";
        }
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        Selection first = parts.getFirst();
        if (!parts.stream().allMatch(first::sameQueue)) {
            return "The selected rows are in different queues: select rows of one queue";
        }
        List<String> ids = parts.stream().flatMap(p -> p.ids().stream()).distinct().toList();
        // Rows of one kind (or queue) still offer that kind's actions; rows of several do not.
        String kind = parts.stream().allMatch(p -> Objects.equals(p.kind(), first.kind())) ? first.kind() : null;
        String queue = parts.stream().allMatch(p -> Objects.equals(p.queue(), first.queue())) ? first.queue() : null;
        return new Selection(first.profileId(), first.where(), ids, ids.size() + " selected " + first.object()
                + (ids.size() == 1 ? "" : "s"), first.object(), kind, queue);
    }

    private static <T> void fill(ContextMenu menu, TableView<T> table, ActionLauncher launcher, Object chosen,
                                 List<Wider> wider) {
        menu.getItems().clear();
        if (!(chosen instanceof Selection selected)) {
            menu.getItems().add(disabled((String) chosen));
            return;
        }
        List<ActionSpec> actions = "task".equals(selected.object()) ? launcher.taskActions(selected.profileId())
                : launcher.objectActions(selected.profileId(), selected.object());
        RowMenu rows = new RowMenu(table, launcher, selected);
        // What moves work along first; what ends or removes it (destructive) last, and only that in red.
        for (ActionSpec action : RowMenu.reversibleFirst(actions)) {
            rows.add(action, action.title() + " — " + selected.label(), request(selected, action, selected.ids(), null),
                    () -> open(table, launcher, action, selected));
        }
        if ("task".equals(selected.object())) {
            rows.addKindAndQueueActions();
        }
        if (rows.isEmpty()) {
            menu.getItems().add(disabled("No action for " + selected.profileId()));
            return;
        }
        menu.getItems().addAll(rows.items());
        for (Wider choice : wider) {
            String label = choice.label(selected);
            if (label == null || actions.isEmpty()) {
                continue;
            }
            menu.getItems().add(new SeparatorMenuItem());
            for (ActionSpec action : RowMenu.reversibleFirst(actions)) {
                MenuItem entry = new MenuItem(action.title() + " — " + label + "…");
                entry.setMnemonicParsing(false);
                RowMenu.styleDestructive(entry, action);
                entry.setOnAction(a -> choice.load(selected, all -> open(table, launcher, action, all)));
                menu.getItems().add(entry);
            }
        }
        rows.checkFit();
    }

    static ActionRequest request(Selection selected, ActionSpec action, List<String> ids, String kind) {
        return new ActionRequest(selected.profileId(), action.id(), ids, kind, null, false, Map.of(), null);
    }

    private static void open(TableView<?> table, ActionLauncher launcher, ActionSpec action, Selection selected) {
        launcher.open(table, selected.where(), action, request(selected, action, selected.ids(), null));
    }

    static MenuItem disabled(String text) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(false);
        item.setDisable(true);
        return item;
    }
}
