package io.pitwall.ui.runbook;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ActionSpec;
import io.pitwall.runbook.ActionRequest;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Opens an action's confirm dialog from wherever the operator looks: a kind's row, a task, a selection. */
public final class ActionLauncher {

    private final Executor executor;
    private final Supplier<MonitorSession> session;
    private final ActionOutcomes outcomes;

    public ActionLauncher(Executor executor, Supplier<MonitorSession> session) {
        this(executor, session, new ActionOutcomes());
    }

    /** @param outcomes told when an action opened here ends, so the views that show its rows read again */
    public ActionLauncher(Executor executor, Supplier<MonitorSession> session, ActionOutcomes outcomes) {
        this.executor = executor;
        this.session = session;
        this.outcomes = outcomes;
    }

    public ActionOutcomes outcomes() {
        return outcomes;
    }

    /** The actions that can act on a whole kind of a profile's tasks. */
    public List<ActionSpec> kindActions(String profileId) {
        MonitorSession current = session.get();
        if (current == null || current.pools().readOnly()) {
            return List.of();
        }
        return offered(current, profileId).map(actions -> actions.stream()
                .filter(a -> a.onTaskTable() && !a.requires().contains("task") && a.scope() != null).toList())
                .orElse(List.of());
    }

    /** The actions that can act on tasks named one by one (a stuck row, a failed row, an error group). */
    public List<ActionSpec> taskActions(String profileId) {
        MonitorSession current = session.get();
        if (current == null || current.pools().readOnly()) {
            return List.of();
        }
        return offered(current, profileId).map(actions -> actions.stream()
                .filter(a -> a.onTaskTable() && !a.requires().contains("kind")).toList()).orElse(List.of());
    }

    /** The actions on a whole queue of a profile (Solid Queue's pause of a queue): their rows are queue names. */
    public List<ActionSpec> queueActions(String profileId) {
        MonitorSession current = session.get();
        if (current == null || current.pools().readOnly()) {
            return List.of();
        }
        return offered(current, profileId).map(actions -> actions.stream().filter(ActionSpec::onQueues).toList())
                .orElse(List.of());
    }

    Executor executor() {
        return executor;
    }

    MonitorSession currentSession() {
        return session.get();
    }

    /** The actions on one stuck object that is not a task (Broadleaf's serial lock, a master row). */
    public List<ActionSpec> objectActions(String profileId, String object) {
        MonitorSession current = session.get();
        if (current == null || current.pools().readOnly()) {
            return List.of();
        }
        return offered(current, profileId).map(actions -> actions.stream()
                .filter(a -> a.objectOrTask().equals(object) && !a.requires().contains("kind")).toList()).orElse(List.of());
    }

    /**
     * The actions this database can run for a profile: those of the versions bound here, less those whose function
     * or column it lacks (Absurd before 0.2.0 has no retry_task). Before the first detection, the profile's own.
     */
    private static java.util.Optional<List<ActionSpec>> offered(MonitorSession current, String profileId) {
        var detection = current.knownDetection();
        if (detection == null) {
            return current.registry().find(profileId).map(io.pitwall.profile.Profile::actions);
        }
        java.util.Map<String, ActionSpec> actions = new java.util.LinkedHashMap<>();
        detection.forProfile(profileId).forEach(b -> b.offeredActions().forEach(a -> actions.putIfAbsent(a.id(), a)));
        return java.util.Optional.of(List.copyOf(actions.values()));
    }

    /** A small menu for one kind's row; empty menus are not shown. */
    public MenuButton kindMenu(String profileId, String where, String kind) {
        MenuButton menu = new MenuButton(null, new FontIcon(MaterialDesignD.DOTS_VERTICAL));
        menu.getStyleClass().addAll("kind-actions", Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL, Tweaks.NO_ARROW);
        menu.setTooltip(new Tooltip("Actions on the " + kind + " tasks"));
        menu.setMinWidth(Region.USE_PREF_SIZE);
        menu.setStyle("-fx-padding: 0 2 0 2;");
        menu.setId("kind-actions-" + profileId + "-" + kind.replaceAll("[^A-Za-z0-9-]", "_"));
        for (ActionSpec action : kindActions(profileId)) {
            // "Pause the tasks of repo.push…", not the title's "Pause a kind of kind repo.push…".
            String noun = action.noun() == null || action.noun().isBlank() ? "tasks" : action.noun() + "s";
            MenuItem item = new MenuItem(action.verb() + " the " + noun + " of " + kind + "…");
            item.setMnemonicParsing(false);
            item.setId("act-" + action.id());
            item.setOnAction(e -> open(menu, where, action, new ActionRequest(profileId, action.id(), List.of(), kind,
                    null, false, Map.of(), null)));
            menu.getItems().add(item);
        }
        menu.setVisible(!menu.getItems().isEmpty());
        return menu;
    }

    /** @param where the place (schema.table) to act on, or null for every place the profile was found */
    public ActionDialog open(Node anchor, String where, ActionSpec action, ActionRequest request) {
        Window owner = anchor != null && anchor.getScene() != null ? anchor.getScene().getWindow() : null;
        ActionDialogViewModel model = new ActionDialogViewModel(executor, session.get(), action, request, where);
        model.phaseProperty().addListener((obs, old, phase) -> {
            if (phase == ActionDialogViewModel.Phase.DONE || phase == ActionDialogViewModel.Phase.FAILED) {
                String what = model.headlineProperty().get().isEmpty() ? action.title() : model.headlineProperty().get();
                outcomes.publish(new ActionOutcomes.Outcome(what, model.resultProperty().get(),
                        phase == ActionDialogViewModel.Phase.FAILED ? model.messageProperty().get() : null));
            }
        });
        ActionDialog dialog = new ActionDialog(owner, model);
        dialog.show();
        return dialog;
    }
}
