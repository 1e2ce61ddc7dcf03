package io.pitwall.ui.kinds;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import io.pitwall.profile.ActionSpec;
import io.pitwall.queue.Ages;
import io.pitwall.queue.CanonicalState;
import io.pitwall.ui.common.KeepSelection;
import io.pitwall.ui.runbook.ActionLauncher;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Queues & kinds: one readable row per kind of every queue, with full names, counts per state, the oldest queued
 * age and a paused badge; pause and resume open the action's confirm dialog for the selected kind.
 */
public final class KindsView extends VBox {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final KindsViewModel viewModel;
    private final KindsTable table;
    private final KindActions actions;

    public KindsView(KindsViewModel viewModel, ActionLauncher launcher) {
        this.viewModel = viewModel;
        this.table = new KindsTable(viewModel.rows());
        this.actions = new KindActions(table, launcher);
        getStyleClass().add("kinds-screen");
        setPadding(new Insets(16, 20, 16, 20));
        setSpacing(10);
        KeepSelection.install(table, KindRow::key);
        table.setStep(row -> {
            var step = actions.step(row);
            return step == null ? null : step.verb() + "…";
        }, actions::openStep);
        Label empty = new Label();
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.textProperty().bind(Bindings.createStringBinding(() -> viewModel.lastRefreshedProperty().get() == null
                ? "Reading the queues…" : viewModel.filterProperty().get().isBlank() ? "No queue with kinds here."
                : "No kind, queue or table matches \"" + viewModel.filterProperty().get().strip() + "\".",
                viewModel.lastRefreshedProperty(), viewModel.filterProperty()));
        table.setPlaceholder(empty);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(header(), toolbar(), banner(), table);
        launcher.outcomes().addListener(o -> viewModel.refresh());
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                viewModel.stop();
            } else {
                viewModel.start();
            }
        });
    }

    private HBox header() {
        Label title = new Label("Queues & kinds");
        title.getStyleClass().add(Styles.TITLE_2);
        Label refreshed = new Label();
        refreshed.setId("kinds-refreshed");
        refreshed.getStyleClass().add(Styles.TEXT_MUTED);
        refreshed.textProperty().bind(Bindings.createStringBinding(() -> {
            var at = viewModel.lastRefreshedProperty().get();
            return at == null ? "reading…" : "refreshed " + CLOCK.format(at) + " · every "
                    + (int) KindsViewModel.REFRESH.toSeconds() + " s";
        }, viewModel.lastRefreshedProperty()));
        Label summary = new Label();
        summary.setId("kinds-summary");
        summary.getStyleClass().add("dashboard-summary");
        summary.textProperty().bind(Bindings.createStringBinding(() -> {
            long paused = viewModel.rows().stream().filter(r -> r.counts().get(CanonicalState.PAUSED) > 0).count();
            return viewModel.rows().size() + " kinds" + (paused == 0 ? "" : "  ·  " + paused + " paused");
        }, viewModel.rows()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(16, title, summary, spacer, refreshed);
        header.setAlignment(Pos.BASELINE_LEFT);
        return header;
    }

    private HBox toolbar() {
        TextField filter = new TextField();
        filter.setId("kinds-filter");
        filter.setPromptText("filter: kind, queue or table");
        filter.setPrefColumnCount(28);
        filter.textProperty().bindBidirectional(viewModel.filterProperty());
        Button pause = stepButton("kinds-pause", "Pause kind…", MaterialDesignP.PAUSE, "Pause");
        Button resume = stepButton("kinds-resume", "Resume kind…", MaterialDesignP.PLAY, "Resume");
        Label hint = new Label("Select a kind; Shift+F10 or the Menu key lists every action on it");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        HBox bar = new HBox(10, filter, pause, resume, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Button stepButton(String id, String text, org.kordamp.ikonli.Ikon icon, String verb) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.setMnemonicParsing(false);
        button.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            KindRow row = table.getSelectionModel().getSelectedItem();
            return row == null || actions.byVerb(row, verb) == null;
        }, table.getSelectionModel().selectedItemProperty()));
        button.setOnAction(e -> {
            KindRow row = table.getSelectionModel().getSelectedItem();
            ActionSpec action = row == null ? null : actions.byVerb(row, verb);
            if (action != null) {
                actions.open(row, action);
            }
        });
        button.setTooltip(new Tooltip(verb + " the selected kind: the confirm dialog previews the rows first"));
        return button;
    }

    private Message banner() {
        Message banner = new Message("Could not read", "", new FontIcon(MaterialDesignD.DATABASE_ALERT));
        banner.getStyleClass().add(Styles.DANGER);
        banner.descriptionProperty().bind(viewModel.problemProperty());
        banner.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    static String age(java.time.Duration age) {
        return age == null ? "" : Ages.format(age);
    }

    TableView<KindRow> table() {
        return table;
    }
}
