package io.pitwall.ui.kinds;

import io.pitwall.profile.ActionSpec;
import io.pitwall.queue.CanonicalState;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.ui.common.TableKeys;
import io.pitwall.ui.runbook.ActionLauncher;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;

import java.util.List;
import java.util.Map;

/**
 * The actions on a kind: pause and resume first (the step this screen is for), then the profile's other kind-wide
 * actions. Each opens the confirm dialog with the kind as the selector, so the guards and the audit apply.
 */
final class KindActions {

    private final TableView<KindRow> table;
    private final ActionLauncher launcher;

    KindActions(TableView<KindRow> table, ActionLauncher launcher) {
        this.table = table;
        this.launcher = launcher;
        ContextMenu menu = new ContextMenu();
        menu.setOnShowing(e -> fill(menu));
        menu.getItems().add(new MenuItem("…"));
        table.setContextMenu(menu);
        TableKeys.installMenuKeys(table);
    }

    /** The kind's action with this verb ("Pause", "Resume"), or null when its profile has none. */
    ActionSpec byVerb(KindRow row, String verb) {
        if (row.kind().isEmpty()) {
            return null;
        }
        return launcher.kindActions(row.profileId()).stream().filter(a -> verb.equalsIgnoreCase(a.verb()))
                .findFirst().orElse(null);
    }

    /** The one step the row's button offers: resume when some of it is paused, else pause. */
    ActionSpec step(KindRow row) {
        ActionSpec resume = byVerb(row, "Resume");
        if (resume != null && row.counts().get(CanonicalState.PAUSED) > 0) {
            return resume;
        }
        return byVerb(row, "Pause");
    }

    void openStep(KindRow row) {
        ActionSpec action = step(row);
        if (action != null) {
            open(row, action);
        }
    }

    void open(KindRow row, ActionSpec action) {
        launcher.open(table, row.where(), action, new ActionRequest(row.profileId(), action.id(), List.of(), row.kind(),
                null, false, Map.of(), null));
    }

    static String words(ActionSpec action, KindRow row) {
        String noun = action.noun() == null || action.noun().isBlank() ? "tasks" : action.noun() + "s";
        return action.verb() + " the " + noun + " of " + row.kindLabel() + "…";
    }

    private void fill(ContextMenu menu) {
        menu.getItems().clear();
        KindRow row = table.getSelectionModel().getSelectedItem();
        if (row == null) {
            menu.getItems().add(disabled("Select a kind to act on it"));
            return;
        }
        if (row.kind().isEmpty()) {
            menu.getItems().add(disabled("Tasks without a kind cannot be acted on as a kind"));
            return;
        }
        List<ActionSpec> all = launcher.kindActions(row.profileId());
        if (all.isEmpty()) {
            menu.getItems().add(disabled("No kind-wide action for " + row.profileId()));
            return;
        }
        List<ActionSpec> ordered = new java.util.ArrayList<>(all);
        ordered.sort(java.util.Comparator.comparingInt(a -> "Pause".equalsIgnoreCase(a.verb()) ? 0
                : "Resume".equalsIgnoreCase(a.verb()) ? 1 : 2));
        for (ActionSpec action : ordered) {
            MenuItem item = new MenuItem(words(action, row));
            item.setId("kind-act-" + action.id());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> open(row, action));
            menu.getItems().add(item);
        }
    }

    private static MenuItem disabled(String text) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(false);
        item.setDisable(true);
        return item;
    }
}
