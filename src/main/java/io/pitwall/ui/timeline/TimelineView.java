package io.pitwall.ui.timeline;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.Pipeline;
import io.pitwall.queue.PipelineSummary;
import io.pitwall.queue.Span;
import io.pitwall.queue.TimelineFocus;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/** The timeline screen: a pipeline picker with search on the left, the open pipeline's Gantt chart on the right. */
public final class TimelineView extends BorderPane {

    private final TimelineViewModel viewModel;
    private final GanttChart chart = new GanttChart();
    private final Label title = new Label("No pipeline open");
    private final Label summary = new Label();
    private final Label focusNote = new Label();

    public TimelineView(TimelineViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("timeline");
        setLeft(picker());
        setCenter(chartPane());
        viewModel.pipelineProperty().addListener((obs, old, pipeline) -> show(pipeline));
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                viewModel.stop();
            } else {
                viewModel.start();
            }
        });
    }

    /** What a click on a bar does, e.g. open the task's drill-down. */
    public void setOnSpanClicked(Consumer<Span> handler) {
        chart.setOnSpanClicked(handler);
    }

    private VBox picker() {
        Label heading = new Label("Pipelines");
        heading.getStyleClass().add(Styles.TITLE_3);
        ComboBox<String> profiles = new ComboBox<>(viewModel.profiles());
        profiles.setId("timeline-profile");
        profiles.setMaxWidth(Double.MAX_VALUE);
        profiles.valueProperty().bindBidirectional(viewModel.profileProperty());
        profiles.setPromptText("profile");
        CustomTextField search = new CustomTextField();
        search.setId("timeline-search");
        search.setPromptText("Search by key");
        search.setLeft(new FontIcon(MaterialDesignM.MAGNIFY));
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        ListView<PipelineSummary> list = new ListView<>(viewModel.pipelines());
        list.setId("timeline-pipelines");
        int[] suffix = {PipelineLabels.MIN_SUFFIX};
        viewModel.pipelines().addListener((javafx.collections.ListChangeListener<PipelineSummary>) change ->
                suffix[0] = PipelineLabels.suffixLength(viewModel.pipelines().stream().map(PipelineSummary::key).toList()));
        list.setCellFactory(v -> new PipelineCell(() -> suffix[0]));
        list.getStyleClass().add(Styles.DENSE);
        list.setPlaceholder(new Label("No pipeline matches"));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && (viewModel.pipelineProperty().get() == null
                    || !item.key().equals(viewModel.pipelineProperty().get().key()))) {
                viewModel.open(item.profileId(), item.key());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox box = new VBox(10, heading, profiles, search, list);
        box.getStyleClass().add("timeline-picker");
        box.setPadding(new Insets(16, 12, 12, 16));
        box.setPrefWidth(320);
        box.setMinWidth(260);
        return box;
    }

    private BorderPane chartPane() {
        title.setId("timeline-title");
        title.getStyleClass().addAll(Styles.TITLE_2, "timeline-key");
        summary.setId("timeline-summary");
        summary.getStyleClass().add("timeline-summary");
        Label problem = new Label();
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(viewModel.problemProperty());
        problem.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Label hint = new Label("Ctrl+wheel zoom · drag or Shift+wheel pan · click a bar to open its task");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox tools = new HBox(6, hint, spacer,
                tool("timeline-zoom-out", MaterialDesignM.MAGNIFY_MINUS_OUTLINE, "Zoom out", () -> chart.zoom(0.67)),
                tool("timeline-zoom-in", MaterialDesignM.MAGNIFY_PLUS_OUTLINE, "Zoom in", () -> chart.zoom(1.5)),
                labelled(tool("timeline-fit", MaterialDesignA.ARROW_EXPAND_HORIZONTAL,
                        "Fit the bulk of the pipeline and follow it (outliers marked at the edges)", chart::fit), "Fit"),
                labelled(tool("timeline-fit-all", MaterialDesignA.ARROW_EXPAND_ALL,
                        "Show the whole pipeline, outliers to scale, and follow it", chart::fitAll), "Show all"));
        tools.setAlignment(Pos.CENTER_LEFT);
        focusNote.setId("timeline-focus");
        focusNote.getStyleClass().addAll("timeline-focus", Styles.TEXT_SMALL);
        focusNote.setWrapText(true);
        focusNote.managedProperty().bind(focusNote.visibleProperty());
        focusNote.setVisible(false);
        chart.focusProperty().addListener((obs, old, focus) -> describe(focus));
        VBox header = new VBox(4, title, summary, problem, focusNote, tools, new GanttLegend());
        header.setPadding(new Insets(16, 20, 8, 20));
        ScrollPane scroll = new ScrollPane(chart);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        Label empty = new Label("Pick a pipeline on the left, or search for its key.");
        empty.getStyleClass().addAll(Styles.TITLE_4, Styles.TEXT_MUTED);
        FontIcon icon = new FontIcon(MaterialDesignT.TIMELINE_CLOCK_OUTLINE);
        icon.setIconSize(56);
        icon.getStyleClass().add(Styles.TEXT_MUTED);
        VBox placeholder = new VBox(10, icon, empty);
        placeholder.setAlignment(Pos.CENTER);
        placeholder.setMouseTransparent(true);
        placeholder.visibleProperty().bind(Bindings.isNull(viewModel.pipelineProperty()));
        BorderPane pane = new BorderPane(new StackPane(scroll, placeholder));
        pane.setTop(header);
        return pane;
    }

    private static Button tool(String id, Ikon icon, String text, Runnable action) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(text));
        button.setOnAction(e -> action.run());
        return button;
    }

    private static Button labelled(Button button, String text) {
        button.setText(text);
        button.getStyleClass().remove(Styles.BUTTON_ICON);
        return button;
    }

    private void show(Pipeline pipeline) {
        chart.setPipeline(pipeline);
        if (pipeline == null) {
            title.setText("No pipeline open");
            summary.setText("");
            return;
        }
        title.setText(pipeline.key());
        Map<CanonicalState, Integer> tasks = new EnumMap<>(CanonicalState.class);
        pipeline.spans().stream().filter(s -> "task".equals(s.source())).forEach(s -> tasks.merge(s.state(), 1, Integer::sum));
        int taskCount = tasks.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder text = new StringBuilder(pipeline.profileId() + "   ·   " + taskCount
                + (taskCount == 1 ? " task" : " tasks"));
        tasks.forEach((state, n) -> text.append("   ·   ").append(n).append(' ').append(state.name().toLowerCase()));
        if (pipeline.spans().size() > taskCount) {
            text.append("   ·   ").append(pipeline.spans().size()).append(" spans");
        }
        long stuck = pipeline.stuck().stream().map(item -> item.where() + "\u0000" + item.id()).distinct().count();
        if (stuck > 0) {
            text.append("   ·   ").append(stuck).append(" stuck");
        }
        if (pipeline.truncated()) {
            text.append("   ·   truncated: only the first tasks are shown");
        }
        summary.setText(text.toString());
    }

    /** Says what a fit to the bulk left out, so the marks at the edges are not a surprise. */
    private void describe(TimelineFocus focus) {
        if (focus == null || !focus.narrowed()) {
            focusNote.setVisible(false);
            return;
        }
        java.time.format.DateTimeFormatter clock = java.time.Duration.between(focus.start(), focus.end()).toMinutes() < 2
                ? SECONDS : CLOCK;
        StringBuilder text = new StringBuilder("Fitted to the bulk (").append(clock.format(focus.start()))
                .append("–").append(clock.format(focus.end())).append(' ').append(ZONE.format(focus.end())).append("); ");
        if (!focus.before().isEmpty()) {
            text.append(count(focus.before())).append(" earlier, from ").append(DAY.format(focus.before().getFirst().start()));
        }
        if (!focus.after().isEmpty()) {
            text.append(focus.before().isEmpty() ? "" : "; ").append(count(focus.after())).append(" later");
        }
        text.append(", marked at the row's edge: click the mark or Show all to draw to scale.");
        focusNote.setText(text.toString());
        focusNote.setVisible(true);
    }

    private static String count(java.util.List<Span> spans) {
        long tasks = spans.stream().map(Span::taskId).distinct().count();
        return tasks + (tasks == 1 ? " task" : " tasks");
    }

    private static final java.time.format.DateTimeFormatter CLOCK =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneId.systemDefault());
    private static final java.time.format.DateTimeFormatter SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault());
    private static final java.time.format.DateTimeFormatter ZONE =
            java.time.format.DateTimeFormatter.ofPattern("zzz").withZone(java.time.ZoneId.systemDefault());
    private static final java.time.format.DateTimeFormatter DAY =
            java.time.format.DateTimeFormatter.ofPattern("MMM d HH:mm").withZone(java.time.ZoneId.systemDefault());

    Button zoomIn() {
        return (Button) lookup("#timeline-zoom-in");
    }

    GanttChart chart() {
        return chart;
    }
}
