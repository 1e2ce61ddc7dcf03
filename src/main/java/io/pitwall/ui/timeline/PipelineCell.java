package io.pitwall.ui.timeline;

import atlantafx.base.theme.Styles;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.PipelineSummary;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.time.Instant;

/**
 * A pipeline in the picker: a dot in its most urgent state's colour, its name ({@link PipelineLabels}), its task
 * counts and last activity; the full key on hover.
 */
final class PipelineCell extends ListCell<PipelineSummary> {

    private final Region dot = new Region();
    private final Label key = new Label();
    private final Label counts = new Label();
    private final Label age = new Label();
    private final HBox row;
    private final java.util.function.IntSupplier suffixLength;
    private final javafx.scene.control.Tooltip tooltip = new javafx.scene.control.Tooltip();

    /** @param suffixLength how much of a uuid key's end tells the listed pipelines apart */
    PipelineCell(java.util.function.IntSupplier suffixLength) {
        this.suffixLength = suffixLength;
        dot.setMinSize(10, 10);
        dot.setMaxSize(10, 10);
        key.getStyleClass().add("pipeline-key");
        counts.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        age.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bottom = new HBox(6, counts, spacer, age);
        VBox text = new VBox(1, key, bottom);
        HBox.setHgrow(text, Priority.ALWAYS);
        row = new HBox(10, dot, text);
        row.setAlignment(Pos.CENTER_LEFT);
        // Long keys (uuids) end in an ellipsis instead of widening the list.
        setPrefWidth(0);
        setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        key.setMinWidth(0);
        counts.setMinWidth(0);
        age.setMinWidth(Region.USE_PREF_SIZE);
    }

    @Override
    protected void updateItem(PipelineSummary item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        dot.getStyleClass().setAll("pipeline-dot", "state-" + item.headline().name().toLowerCase());
        key.setText(PipelineLabels.title(item, suffixLength.getAsInt()));
        // The whole key, to read or to search for; and every kind the pipeline has.
        tooltip.setText(item.key() + (item.kinds().isEmpty() ? "" : "\n" + String.join(", ", item.kinds())));
        setTooltip(tooltip);
        StringBuilder text = new StringBuilder(item.counts().total() + (item.counts().total() == 1 ? " task" : " tasks"));
        for (CanonicalState state : new CanonicalState[]{CanonicalState.RUNNING, CanonicalState.FAILED, CanonicalState.QUEUED}) {
            if (item.counts().get(state) > 0) {
                text.append(" · ").append(item.counts().get(state)).append(' ').append(state.name().toLowerCase());
            }
        }
        counts.setText(text.toString());
        age.setText(ago(item.lastActivity()));
        setGraphic(row);
    }

    static String ago(Instant at) {
        if (at == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(at, Instant.now()).toSeconds());
        return seconds < 60 ? seconds + " s ago" : seconds < 3600 ? seconds / 60 + " min ago"
                : seconds < 172800 ? seconds / 3600 + " h ago" : seconds / 86400 + " d ago";
    }
}
