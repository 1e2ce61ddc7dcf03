package io.pitwall.ui.tasks;

import atlantafx.base.theme.Styles;
import io.pitwall.queue.TaskDetail;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import io.pitwall.queue.StuckItem;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One task, everything known. What an operator came for leads: a stuck task's verdict (which rule, its evidence in
 * plain words), then the full error, unclipped; then states, holder, attempts, timestamps with ages, the payload, the row.
 */
final class TaskDetailView extends ScrollPane {

    private final VBox content = new VBox(10);
    private final TaskDetailModel model;
    private final Label note = new Label();

    TaskDetailView(TaskDetailModel model) {
        this.model = model;
        setId("task-detail");
        setFitToWidth(true);
        getStyleClass().addAll("edge-to-edge", "task-detail");
        content.setPadding(new Insets(12, 14, 12, 14));
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(model.note());
        setContent(content);
        model.detail().addListener((obs, old, detail) -> render(detail));
        model.verdict().addListener((obs, old, verdict) -> render(model.detail().get()));
        render(null);
    }

    private void render(TaskDetail task) {
        content.getChildren().setAll(note);
        if (task == null) {
            return;
        }
        Label title = new Label("Task " + task.id());
        title.setId("detail-title");
        title.getStyleClass().addAll(Styles.TITLE_4, "mono");
        title.setWrapText(true);
        List<StuckItem> verdict = model.verdict().get();
        // A stuck task's state is what its row says, not how it is: never a healthy green beside a stuck verdict.
        Label state = new Label(task.state().name() + "  (" + task.rawState() + ")"
                + (verdict.isEmpty() ? "" : "  but stuck: see above"));
        state.setId("detail-state");
        state.setWrapText(true);
        state.getStyleClass().addAll(verdict.isEmpty() ? "state-" + task.state().name().toLowerCase() : "detail-state-stuck",
                Styles.TEXT_BOLD);

        GridPane facts = new GridPane(12, 4);
        int row = 0;
        row = fact(facts, row, "Kind", task.kind());
        row = fact(facts, row, "Holder", task.owner());
        row = fact(facts, row, "Attempts", task.attempts() == null ? null
                : task.attempts() + (task.maxAttempts() == null ? "" : " of " + task.maxAttempts()));
        row = fact(facts, row, "Pipeline", task.pipelineKey());
        row = fact(facts, row, "Queue", task.profileId() + " · " + task.where());
        for (var entry : task.timestamps().entrySet()) {
            Instant at = entry.getValue();
            row = fact(facts, row, entry.getKey(), io.pitwall.queue.Ages.isInfinite(at) ? Cells.ago(at)
                    : Cells.LOCAL.format(at) + "   " + Cells.ago(at));
        }
        Button copyId = copyButton("detail-id-copy", "Copy the task id", task.id());
        copyId.setText(null);
        copyId.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox heading = new HBox(8, title, spacer, copyId);
        if (model.canOpenPipeline(task)) {
            Button timeline = new Button("Timeline", new FontIcon(MaterialDesignC.CHART_TIMELINE));
            timeline.setId("detail-open-timeline");
            timeline.setTooltip(new Tooltip("Open pipeline " + task.pipelineKey() + " on the timeline"));
            timeline.setMinWidth(Region.USE_PREF_SIZE);
            timeline.setOnAction(e -> model.openPipeline(task));
            heading.getChildren().add(2, timeline);
        }
        // The command-line twin, for a ticket or a script: the same read, from a terminal.
        Label command = new Label("pitwall show --profile " + task.profileId() + " --task " + task.id());
        command.setId("detail-command");
        command.getStyleClass().addAll("mono", Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        content.getChildren().add(heading);
        if (!verdict.isEmpty()) {
            content.getChildren().add(verdict(verdict));
        }
        if (task.error() != null) {
            content.getChildren().add(block("Error", "detail-error", task.error(), ErrorRows.of(task.error()), true));
        }
        content.getChildren().addAll(state, facts, command);
        if (!task.history().isEmpty()) {
            content.getChildren().add(history(task));
        }
        if (task.payload() != null) {
            content.getChildren().add(block("Payload", "detail-payload", task.payload(), 8, false));
        }
        if (task.row() != null) {
            TitledPane all = new TitledPane("All columns of the row", monospace("detail-row", task.row(), 14, false));
            all.setExpanded(false);
            content.getChildren().add(all);
        }
    }

    /** Which stuck rules hit this task and their evidence, in the profile's plain words. */
    private static VBox verdict(List<StuckItem> hits) {
        Label title = new Label("STUCK — " + hits.stream().map(StuckItem::rule).distinct().collect(Collectors.joining(", ")));
        title.setId("detail-stuck-title");
        title.getStyleClass().add("stuck-verdict-title");
        title.setWrapText(true);
        VBox box = new VBox(4, title);
        box.setId("detail-stuck-verdict");
        box.getStyleClass().add("stuck-verdict");
        for (StuckItem hit : hits) {
            // The profile's evidence already says how long and against which limit, in the system's own words.
            Label evidence = new Label(hit.rule() + ": " + hit.evidence());
            evidence.getStyleClass().add("stuck-evidence");
            evidence.setWrapText(true);
            box.getChildren().add(evidence);
        }
        return box;
    }

    /** Runs, attempts or checkpoints, oldest first, each with its state and when. */
    private static VBox history(TaskDetail task) {
        Label title = new Label("History (" + task.history().size() + ")");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        VBox box = new VBox(3, title);
        box.setId("detail-history");
        for (var span : task.history()) {
            Label state = new Label(span.state().name());
            state.getStyleClass().addAll("state-" + span.state().name().toLowerCase(), Styles.TEXT_BOLD);
            state.setMinWidth(90);
            String when = span.start() == null ? "" : Cells.LOCAL.format(span.start()) + " (" + Cells.ago(span.start()) + ")"
                    + (span.end() == null || span.end().equals(span.start()) ? "" : " → " + Cells.LOCAL.format(span.end()));
            Label text = new Label(span.source() + "  " + when + (span.detail() == null ? "" : "\n" + span.detail()));
            text.getStyleClass().add("mono");
            text.setWrapText(true);
            box.getChildren().add(new HBox(8, state, text));
        }
        return box;
    }

    private static int fact(GridPane grid, int row, String name, String value) {
        if (value == null || value.isBlank()) {
            return row;
        }
        Label key = new Label(name);
        key.getStyleClass().add(Styles.TEXT_MUTED);
        key.setMinWidth(Region.USE_PREF_SIZE);
        Label text = new Label(value);
        text.getStyleClass().add("mono");
        text.setWrapText(true);
        grid.addRow(row, key, text);
        return row + 1;
    }

    private static VBox block(String title, String id, String text, int rows, boolean danger) {
        Label label = new Label(title);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        if (danger) {
            label.getStyleClass().add(Styles.DANGER);
        }
        Button copy = copyButton(id + "-copy", "Copy the full " + title.toLowerCase() + " to the clipboard", text);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, label, spacer, copy);
        // An error wraps so its whole first line reads at a glance; JSON keeps its shape.
        VBox block = new VBox(4, header, monospace(id, text, rows, danger));
        block.setId(id + "-block");
        return block;
    }

    private static Button copyButton(String id, String tooltip, String text) {
        Button copy = new Button("Copy", new FontIcon(MaterialDesignC.CONTENT_COPY));
        copy.setId(id);
        copy.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        copy.setTooltip(new Tooltip(tooltip));
        copy.setOnAction(e -> {
            ClipboardContent clip = new ClipboardContent();
            clip.putString(text);
            Clipboard.getSystemClipboard().setContent(clip);
        });
        return copy;
    }

    private static TextArea monospace(String id, String text, int rows, boolean wrap) {
        TextArea area = new TextArea(text);
        area.setId(id);
        // Read-only but selectable and copyable (Ctrl+A, Ctrl+C); a longer text scrolls inside.
        area.setEditable(false);
        area.setWrapText(wrap);
        area.getStyleClass().add("mono-block");
        area.setPrefRowCount(wrap ? rows : Math.min(rows, Math.max(2, (int) text.lines().count() + 1)));
        area.setMinHeight(Region.USE_PREF_SIZE);
        if (wrap) {
            // Wrapped text needs the rows it wraps to at the pane's real width, which a narrow window makes many.
            area.widthProperty().addListener((obs, old, width) -> {
                javafx.scene.text.Text probe = new javafx.scene.text.Text("0123456789");
                probe.setFont(area.getFont());
                double perChar = Math.max(1, probe.getLayoutBounds().getWidth() / 10);
                int columns = (int) ((width.doubleValue() - 30) / perChar);
                area.setPrefRowCount(Math.max(rows, ErrorRows.of(text, columns)));
            });
        }
        return area;
    }
}
