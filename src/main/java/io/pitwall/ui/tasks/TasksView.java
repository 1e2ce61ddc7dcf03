package io.pitwall.ui.tasks;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import io.pitwall.ui.runbook.ActionLauncher;
import io.pitwall.ui.runbook.RowActions;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import io.pitwall.ui.common.KeepSelection;
import java.util.List;

import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Stuck, failed and workers in tabs over one set of filters, with the selected task's detail on the right. */
public final class TasksView extends VBox {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final TasksViewModel viewModel;
    private final StuckTable stuckTable;
    private final FailedTable failedTable;
    private final ErrorGroupTable groupTable;
    private final WorkersTable workersTable;
    private final TabPane tabs = new TabPane();

    public TasksView(TasksViewModel viewModel) {
        this(viewModel, null);
    }

    /** With a launcher, a right click on a stuck task, a failed task or an error group offers the profile's actions. */
    public TasksView(TasksViewModel viewModel, ActionLauncher actions) {
        this.viewModel = viewModel;
        stuckTable = new StuckTable(viewModel);
        failedTable = new FailedTable(viewModel);
        groupTable = new ErrorGroupTable(viewModel);
        workersTable = new WorkersTable(viewModel);
        KeepSelection.install(stuckTable, i -> i.profileId() + "|" + i.where() + "|" + i.object() + "|" + i.id() + "|" + i.rule());
        KeepSelection.install(failedTable, t -> t.profileId() + "|" + t.where() + "|" + t.id());
        KeepSelection.install(workersTable, w -> w.profileId() + "|" + w.where() + "|" + w.worker());
        if (actions != null) {
            installActions(actions);
        }
        getStyleClass().add("tasks-screen");
        setPadding(new Insets(16, 20, 16, 20));
        setSpacing(10);

        Tab stuck = new Tab(null, stuckTable);
        stuck.setId("tab-stuck");
        // A task two rules hit is one stuck task: the tab counts tasks, and says when rows are more than tasks.
        stuck.textProperty().bind(Bindings.createStringBinding(() -> {
            long tasks = viewModel.stuck().stream().map(i -> i.profileId() + "|" + i.where() + "|" + i.object() + "|" + i.id())
                    .distinct().count();
            return "Stuck  " + tasks + (tasks == viewModel.stuck().size() ? "" : "  (" + viewModel.stuck().size() + " findings)");
        }, viewModel.stuck()));
        // Something stuck is the first thing to see: the tab turns red while the list is not empty.
        viewModel.stuck().addListener((javafx.collections.ListChangeListener<Object>) change -> {
            stuck.getStyleClass().remove("tab-alert");
            if (!viewModel.stuck().isEmpty()) {
                stuck.getStyleClass().add("tab-alert");
            }
        });
        Tab failed = new Tab(null, failedPane());
        failed.setId("tab-failed");
        failed.textProperty().bind(Bindings.createStringBinding(() -> StateWords.title(viewModel.filters().finishedState.get()),
                viewModel.filters().finishedState));
        Tab workers = new Tab(null, workersTable);
        workers.setId("tab-workers");
        workers.textProperty().bind(Bindings.size(viewModel.workers()).asString("Workers  %d"));
        tabs.getTabs().setAll(stuck, failed, workers);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        SplitPane split = new SplitPane(tabs, new TaskDetailView(viewModel.detailModel()));
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.72);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(header(), new TaskFilterBar(viewModel.filters(), viewModel::reloadFailed), banner(), split);

        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                viewModel.stop();
            } else {
                viewModel.start();
            }
        });
    }

    private void installActions(ActionLauncher actions) {
        TaskBulk bulk = new TaskBulk(viewModel);
        RowActions.install(stuckTable, actions, i -> new RowActions.Selection(i.profileId(), i.where(),
                List.of(i.id()), i.object() + " " + i.id(), i.object()).of(i.kind(), i.queue()), List.of(bulk.stuckListed()));
        RowActions.install(failedTable, actions, t -> new RowActions.Selection(t.profileId(), t.where(),
                List.of(t.id()), "task " + t.id()).of(t.kind(), t.queue().equals(t.where()) ? null : t.queue()),
                List.of(bulk.matchingFilter()));
        RowActions.install(groupTable, actions, g -> {
            var binding = viewModel.groupBinding(g);
            return binding == null ? null : new RowActions.Selection(binding.profile().id(), binding.where(), g.ids(),
                    g.ids().size() + " tasks with this error");
        });
        // "Everything this worker holds": one row is every task the worker has leased, as one selection.
        RowActions.install(workersTable, actions, w -> new RowActions.Selection(w.profileId(), w.where(), w.taskIds(),
                "the " + w.taskIds().size() + " tasks " + w.worker() + " holds"));
    }

    public void selectTab(String id) {
        tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private HBox header() {
        Label title = new Label("Stuck & failed");
        title.getStyleClass().add(Styles.TITLE_2);
        Label refreshed = new Label();
        refreshed.setId("tasks-refreshed");
        refreshed.getStyleClass().add(Styles.TEXT_MUTED);
        refreshed.textProperty().bind(Bindings.createStringBinding(() -> {
            var at = viewModel.lastRefreshedProperty().get();
            return at == null ? "reading…" : "stuck and workers refreshed " + CLOCK.format(at)
                    + (viewModel.refreshPausedProperty().get() ? " · refresh paused"
                    : " · every " + (int) TasksViewModel.REFRESH.toSeconds() + " s");
        }, viewModel.lastRefreshedProperty(), viewModel.refreshPausedProperty()));
        ToggleButton pause = new ToggleButton(null, new FontIcon(MaterialDesignP.PAUSE));
        pause.setId("tasks-pause");
        pause.selectedProperty().bindBidirectional(viewModel.refreshPausedProperty());
        pause.textProperty().bind(Bindings.when(pause.selectedProperty()).then("Resume refresh").otherwise("Pause refresh"));
        pause.setTooltip(new Tooltip("Hold the lists still while you read or pick rows (Ctrl+P); Refresh reads once"));
        Button refresh = new Button("Refresh", new FontIcon(MaterialDesignR.REFRESH));
        refresh.setId("tasks-refresh");
        refresh.setOnAction(e -> viewModel.refresh());
        Button export = new Button("Export CSV…", new FontIcon(MaterialDesignF.FILE_DELIMITED_OUTLINE));
        export.setId("tasks-export");
        export.setTooltip(new Tooltip("Save the rows of the current tab as CSV, as filtered"));
        export.setOnAction(e -> exportCsv());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // At 1366 px the buttons keep their words; the refresh time gives way first.
        refreshed.setMinWidth(0);
        for (javafx.scene.control.Control control : java.util.List.of(pause, refresh, export)) {
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox header = new HBox(12, title, spacer, refreshed, pause, refresh, export);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.P,
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> pause.setSelected(!pause.isSelected()));
            }
        });
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private VBox failedPane() {
        ToggleButton group = new ToggleButton("Group by error", new FontIcon(MaterialDesignF.FORMAT_LIST_GROUP));
        group.setId("failed-group");
        group.selectedProperty().bindBidirectional(viewModel.filters().grouped);
        Label note = new Label();
        note.setId("failed-note");
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(viewModel.failedNoteProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setMaxSize(18, 18);
        busy.visibleProperty().bind(viewModel.loadingFailedProperty());
        Button more = new Button("Load more", new FontIcon(MaterialDesignD.DOWNLOAD_OUTLINE));
        more.setId("failed-more");
        more.visibleProperty().bind(viewModel.moreFailedProperty().and(viewModel.filters().grouped.not()));
        more.disableProperty().bind(viewModel.loadingFailedProperty());
        more.setOnAction(e -> viewModel.loadMoreFailed());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ComboBox<io.pitwall.queue.CanonicalState> state = new ComboBox<>();
        state.setId("failed-state");
        state.getItems().setAll(StateWords.LISTABLE);
        state.valueProperty().bindBidirectional(viewModel.filters().finishedState);
        state.setTooltip(new Tooltip("Which tasks this tab lists: failed, or queued, running, scheduled … the same way"));
        HBox bar = new HBox(10, state, group, note, busy, spacer, more);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 0, 6, 0));
        failedTable.visibleProperty().bind(viewModel.filters().grouped.not());
        groupTable.visibleProperty().bind(viewModel.filters().grouped);
        StackPane tables = new StackPane(failedTable, groupTable);
        VBox.setVgrow(tables, Priority.ALWAYS);
        return new VBox(bar, tables);
    }

    private Message banner() {
        Message banner = new Message("Could not read", "", new FontIcon(MaterialDesignD.DATABASE_ALERT));
        banner.setId("tasks-problem");
        banner.getStyleClass().add(Styles.DANGER);
        banner.descriptionProperty().bind(Bindings.concat(viewModel.problemProperty(), " — retrying every ",
                (int) TasksViewModel.REFRESH.toSeconds(), " s."));
        banner.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private TableView<?> currentTable() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        if (tab == null || "tab-stuck".equals(tab.getId())) {
            return stuckTable;
        }
        if ("tab-workers".equals(tab.getId())) {
            return workersTable;
        }
        return viewModel.filters().grouped.get() ? groupTable : failedTable;
    }

    private void exportCsv() {
        TableView<?> table = currentTable();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export as CSV");
        chooser.setInitialFileName("pitwall-" + table.getId().replace("-table", "") + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            viewModel.export(file.toPath(), Csv.of(table));
        }
    }
}
