package io.pitwall.ui.tasks;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import io.pitwall.profile.Binding;
import javafx.animation.PauseTransition;
import io.pitwall.ui.runbook.ActionLauncher;
import io.pitwall.ui.runbook.RowActions;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

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
        if (actions != null) {
            RowActions.install(stuckTable, actions, i -> new RowActions.Selection(i.profileId(), i.where(),
                    java.util.List.of(i.id()), i.object() + " " + i.id(), i.object()));
            RowActions.install(failedTable, actions,
                    t -> new RowActions.Selection(t.profileId(), t.where(), java.util.List.of(t.id()), "task " + t.id()));
            RowActions.install(groupTable, actions, g -> {
                var binding = viewModel.groupBinding(g);
                return binding == null ? null : new RowActions.Selection(binding.profile().id(), binding.where(), g.ids(),
                        g.ids().size() + " tasks with this error");
            });
        }
        workersTable = new WorkersTable(viewModel);
        getStyleClass().add("tasks-screen");
        setPadding(new Insets(16, 20, 16, 20));
        setSpacing(10);

        Tab stuck = new Tab(null, stuckTable);
        stuck.setId("tab-stuck");
        stuck.textProperty().bind(Bindings.size(viewModel.stuck()).asString("Stuck  %d"));
        // Something stuck is the first thing to see: the tab turns red while the list is not empty.
        viewModel.stuck().addListener((javafx.collections.ListChangeListener<Object>) change -> {
            stuck.getStyleClass().remove("tab-alert");
            if (!viewModel.stuck().isEmpty()) {
                stuck.getStyleClass().add("tab-alert");
            }
        });
        Tab failed = new Tab("Failed", failedPane());
        failed.setId("tab-failed");
        Tab workers = new Tab(null, workersTable);
        workers.setId("tab-workers");
        workers.textProperty().bind(Bindings.size(viewModel.workers()).asString("Workers  %d"));
        tabs.getTabs().setAll(stuck, failed, workers);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        SplitPane split = new SplitPane(tabs, new TaskDetailView(viewModel));
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.68);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(header(), filters(), banner(), split);

        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                viewModel.stop();
            } else {
                viewModel.start();
            }
        });
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
            return at == null ? "reading…" : "stuck and workers refreshed " + CLOCK.format(at) + " · every "
                    + (int) TasksViewModel.REFRESH.toSeconds() + " s";
        }, viewModel.lastRefreshedProperty()));
        Button refresh = new Button("Refresh", new FontIcon(MaterialDesignR.REFRESH));
        refresh.setId("tasks-refresh");
        refresh.setOnAction(e -> viewModel.refresh());
        Button export = new Button("Export CSV…", new FontIcon(MaterialDesignF.FILE_DELIMITED_OUTLINE));
        export.setId("tasks-export");
        export.setTooltip(new Tooltip("Save the rows of the current tab as CSV, as filtered"));
        export.setOnAction(e -> exportCsv());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, spacer, refreshed, refresh, export);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private HBox filters() {
        ComboBox<Binding> queue = new ComboBox<>();
        queue.setId("filter-queue");
        queue.setPromptText("All queues");
        queue.setItems(viewModel.queues());
        queue.valueProperty().bindBidirectional(viewModel.queueProperty());
        queue.setButtonCell(queueCell());
        queue.setCellFactory(list -> queueCell());
        Button allQueues = new Button(null, new FontIcon(MaterialDesignF.FILTER_REMOVE_OUTLINE));
        allQueues.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        allQueues.setTooltip(new Tooltip("All queues"));
        allQueues.setOnAction(e -> viewModel.queueProperty().set(null));

        TextField kind = new TextField();
        kind.setId("filter-kind");
        kind.setPromptText("kind");
        kind.setPrefColumnCount(12);
        kind.textProperty().bindBidirectional(viewModel.kindProperty());
        TextField text = new TextField();
        text.setId("filter-text");
        text.setPromptText("text in the error or evidence");
        text.setPrefColumnCount(24);
        text.textProperty().bindBidirectional(viewModel.textProperty());
        // Typing narrows the stuck list at once; the failed list is re-read once typing pauses.
        PauseTransition pause = new PauseTransition(Duration.millis(450));
        pause.setOnFinished(e -> viewModel.reloadFailed());
        kind.textProperty().addListener((obs, o, n) -> pause.playFromStart());
        text.textProperty().addListener((obs, o, n) -> pause.playFromStart());

        ComboBox<AgeWindow> age = new ComboBox<>();
        age.setId("filter-age");
        age.getItems().setAll(AgeWindow.values());
        age.valueProperty().bindBidirectional(viewModel.ageProperty());
        age.setTooltip(new Tooltip("When the task failed (failed list only)"));

        HBox bar = new HBox(8, label("Queue"), queue, allQueues, label("Kind"), kind, label("Text"), text,
                label("Failed"), age);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }

    private static ListCell<Binding> queueCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Binding item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "All queues" : item.profile().id() + " · " + item.where());
            }
        };
    }

    private VBox failedPane() {
        ToggleButton group = new ToggleButton("Group by error", new FontIcon(MaterialDesignF.FORMAT_LIST_GROUP));
        group.setId("failed-group");
        group.selectedProperty().bindBidirectional(viewModel.groupedProperty());
        Label note = new Label();
        note.setId("failed-note");
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(viewModel.failedNoteProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setMaxSize(18, 18);
        busy.visibleProperty().bind(viewModel.loadingFailedProperty());
        Button more = new Button("Load more", new FontIcon(MaterialDesignD.DOWNLOAD_OUTLINE));
        more.setId("failed-more");
        more.visibleProperty().bind(viewModel.moreFailedProperty().and(viewModel.groupedProperty().not()));
        more.disableProperty().bind(viewModel.loadingFailedProperty());
        more.setOnAction(e -> viewModel.loadMoreFailed());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ComboBox<io.pitwall.queue.CanonicalState> state = new ComboBox<>();
        state.setId("failed-state");
        state.getItems().setAll(io.pitwall.queue.CanonicalState.FAILED, io.pitwall.queue.CanonicalState.CANCELLED,
                io.pitwall.queue.CanonicalState.UNKNOWN);
        state.valueProperty().bindBidirectional(viewModel.finishedStateProperty());
        state.setTooltip(new Tooltip("List failed tasks, or cancelled or unknown ones the same way"));
        HBox bar = new HBox(10, state, group, note, busy, spacer, more);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 0, 6, 0));
        failedTable.visibleProperty().bind(viewModel.groupedProperty().not());
        groupTable.visibleProperty().bind(viewModel.groupedProperty());
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
        return viewModel.groupedProperty().get() ? groupTable : failedTable;
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
