package io.pitwall.ui.runbook;

import io.pitwall.profile.ActionSpec;
import io.pitwall.runbook.ActionRequest;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A right-click menu on a table of tasks: the profile's actions that act on named tasks, for the selected row
 * (a stuck task, a failed task, every task of an error group). Each opens the confirm dialog.
 */
public final class RowActions {

    /** The tasks one row stands for. */
    public record Selection(String profileId, String where, List<String> ids, String label, String object) {

        public Selection(String profileId, String where, List<String> ids, String label) {
            this(profileId, where, ids, label, "task");
        }
    }

    private RowActions() {
    }

    public static <T> void install(TableView<T> table, ActionLauncher launcher, Function<T, Selection> selection) {
        ContextMenu menu = new ContextMenu();
        menu.setOnShowing(e -> {
            menu.getItems().clear();
            T item = table.getSelectionModel().getSelectedItem();
            Selection chosen = item == null ? null : selection.apply(item);
            if (chosen == null || chosen.ids().isEmpty()) {
                menu.getItems().add(disabled("Select a task to act on it"));
                return;
            }
            List<ActionSpec> actions = "task".equals(chosen.object()) ? launcher.taskActions(chosen.profileId())
                    : launcher.objectActions(chosen.profileId(), chosen.object());
            if (actions.isEmpty()) {
                menu.getItems().add(disabled("No action for " + chosen.profileId()));
            }
            for (ActionSpec action : actions) {
                MenuItem entry = new MenuItem(action.title() + " — " + chosen.label() + "…");
                entry.setOnAction(a -> launcher.open(table, chosen.where(), action, new ActionRequest(chosen.profileId(),
                        action.id(), chosen.ids(), null, null, false, Map.of(), null)));
                menu.getItems().add(entry);
            }
        });
        menu.getItems().add(disabled("…"));
        table.setContextMenu(menu);
    }

    private static MenuItem disabled(String text) {
        MenuItem item = new MenuItem(text);
        item.setDisable(true);
        return item;
    }
}
