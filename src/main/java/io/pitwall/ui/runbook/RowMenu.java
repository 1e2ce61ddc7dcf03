package io.pitwall.ui.runbook;

import atlantafx.base.theme.Styles;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ActionSpec;
import io.pitwall.runbook.ActionRequest;
import javafx.concurrent.Task;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The entries of one row menu, in the order an operator should meet them: what moves the work along (retry,
 * release), then the row's kind and queue (pause, resume), then what ends or removes work, last and alone in red. Each entry is checked against
 * the rows by the action's own preview as the menu opens; one no row passes is disabled and says why, in the
 * words of its guard.
 */
final class RowMenu {

    private final TableView<?> table;
    private final ActionLauncher launcher;
    private final RowActions.Selection selected;
    private final List<Entry> reversible = new ArrayList<>();
    private final List<Entry> scope = new ArrayList<>();
    private final List<Entry> destructive = new ArrayList<>();

    private record Entry(MenuItem item, String text, ActionFit.Target target) {
    }

    RowMenu(TableView<?> table, ActionLauncher launcher, RowActions.Selection selected) {
        this.table = table;
        this.launcher = launcher;
        this.selected = selected;
    }

    /** Destructive actions last; the profile's order within each part. */
    static List<ActionSpec> reversibleFirst(List<ActionSpec> actions) {
        List<ActionSpec> ordered = new ArrayList<>(actions.stream().filter(a -> !destructive(a)).toList());
        ordered.addAll(actions.stream().filter(RowMenu::destructive).toList());
        return ordered;
    }

    /**
     * An action the profile says ends or removes work rather than moving it along ({@code "destructive": true}):
     * what it does to a task is lost to the worker (a deleted row, a cancelled or failed run), so it goes last and in
     * red. One the profile does not mark stays in the ordinary place and colour (its dialog still confirms it as
     * carefully as a destructive one).
     */
    static boolean destructive(ActionSpec action) {
        return action.isDestructive();
    }

    static void styleDestructive(MenuItem item, ActionSpec action) {
        if (destructive(action)) {
            item.getStyleClass().add(Styles.DANGER);
            item.getStyleClass().add("destructive-item");
        }
    }

    void add(ActionSpec action, String text, ActionRequest request, Runnable open) {
        MenuItem item = new MenuItem(text + "…");
        item.setId("row-act-" + action.id());
        item.setMnemonicParsing(false);
        styleDestructive(item, action);
        item.setOnAction(e -> open.run());
        (destructive(action) ? destructive : reversible).add(new Entry(item, text, new ActionFit.Target(selected.where(), action, request)));
    }

    /** The pause and resume of the rows' kind, and of their queue, where the profile has them. */
    void addKindAndQueueActions() {
        if (selected.kind() != null) {
            for (ActionSpec action : launcher.kindActions(selected.profileId())) {
                ActionRequest request = new ActionRequest(selected.profileId(), action.id(), List.of(), selected.kind(),
                        null, false, Map.of(), null);
                addScoped(action, action.title() + " — every " + selected.kind() + " task", request, "kind");
            }
        }
        if (selected.queue() != null) {
            for (ActionSpec action : launcher.queueActions(selected.profileId())) {
                ActionRequest request = new ActionRequest(selected.profileId(), action.id(), List.of(selected.queue()),
                        null, null, false, Map.of(), null);
                addScoped(action, action.title() + " — queue " + selected.queue(), request, "queue");
            }
        }
    }

    private void addScoped(ActionSpec action, String text, ActionRequest request, String what) {
        MenuItem item = new MenuItem(text + "…");
        item.setId("row-act-" + what + "-" + action.id());
        item.setMnemonicParsing(false);
        styleDestructive(item, action);
        item.setOnAction(e -> launcher.open(table, selected.where(), action, request));
        (destructive(action) ? destructive : scope).add(new Entry(item, text, new ActionFit.Target(selected.where(), action, request)));
    }

    boolean isEmpty() {
        return reversible.isEmpty() && scope.isEmpty() && destructive.isEmpty();
    }

    List<MenuItem> items() {
        List<MenuItem> items = new ArrayList<>();
        for (List<Entry> group : List.of(reversible, scope, destructive)) {
            if (group.isEmpty()) {
                continue;
            }
            if (!items.isEmpty()) {
                items.add(new SeparatorMenuItem());
            }
            group.forEach(e -> items.add(e.item()));
        }
        return items;
    }

    /** Asks each action's preview whether any of the rows passes; the entries stay usable until it answers. */
    void checkFit() {
        MonitorSession session = launcher.currentSession();
        if (session == null || isEmpty()) {
            return;
        }
        List<Entry> entries = new ArrayList<>(reversible);
        entries.addAll(scope);
        entries.addAll(destructive);
        Task<List<String>> check = new Task<>() {
            @Override
            protected List<String> call() {
                return ActionFit.judge(session, entries.stream().map(Entry::target).toList());
            }
        };
        check.setOnSucceeded(e -> {
            List<String> verdicts = check.getValue();
            for (int i = 0; i < entries.size(); i++) {
                String whyNot = verdicts.get(i);
                if (whyNot != null) {
                    Entry entry = entries.get(i);
                    entry.item().setDisable(true);
                    entry.item().setText(entry.text() + ": does not apply: " + whyNot);
                }
            }
        });
        launcher.executor().execute(check);
    }
}
