package io.pitwall.ui.dashboard;

import atlantafx.base.theme.Styles;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.QueueCounts;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A card's counts per queue, for tables that hold many queues (River, Oban, pg-boss). One card per table with
 * its queues listed, busiest backlog first, keeps a dashboard of thirty queues readable; a queue's kinds show
 * on hover. Hidden where the profile has no queue field.
 */
final class QueueBreakdownPane extends TitledPane {

    static final List<CanonicalState> COLUMNS = List.of(CanonicalState.QUEUED, CanonicalState.RUNNING,
            CanonicalState.FAILED, CanonicalState.PAUSED, CanonicalState.SUCCEEDED);

    private final GridPane grid = new GridPane();
    private final ObservableList<QueueCounts> queues;
    private final java.util.function.Function<CanonicalState, io.pitwall.queue.CountAccuracy> accuracy;

    QueueBreakdownPane(ObservableList<QueueCounts> queues,
                       java.util.function.Function<CanonicalState, io.pitwall.queue.CountAccuracy> accuracy) {
        this.queues = queues;
        this.accuracy = accuracy;
        setContent(grid);
        setExpanded(false);
        getStyleClass().addAll(Styles.DENSE, "kind-pane", "queue-pane");
        grid.setHgap(18);
        grid.setVgap(3);
        grid.setPadding(new Insets(4, 0, 0, 0));
        queues.addListener((ListChangeListener<QueueCounts>) c -> render());
        render();
    }

    private void render() {
        setVisible(!queues.isEmpty());
        setManaged(!queues.isEmpty());
        grid.getChildren().clear();
        setText("By queue (" + queues.size() + ")");
        for (int c = 0; c < COLUMNS.size(); c++) {
            Label head = new Label(StateStyle.label(COLUMNS.get(c)));
            head.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            grid.add(head, c + 1, 0);
        }
        List<QueueCounts> busiestFirst = queues.stream()
                .sorted(Comparator.comparingLong((QueueCounts q) -> -q.counts().get(CanonicalState.QUEUED))
                        .thenComparing(QueueCounts::queue))
                .toList();
        for (int r = 0; r < busiestFirst.size(); r++) {
            QueueCounts queue = busiestFirst.get(r);
            Label name = new Label(queue.queue().isEmpty() ? "(none)" : queue.queue());
            name.getStyleClass().add("kind-name");
            name.setId("queue-row-" + queue.queue().replaceAll("[^A-Za-z0-9-]", "_"));
            name.setTooltip(new Tooltip(kindsText(queue.kinds())));
            grid.add(name, 0, r + 1);
            for (int c = 0; c < COLUMNS.size(); c++) {
                long n = queue.counts().get(COLUMNS.get(c));
                if (!accuracy.apply(COLUMNS.get(c)).exact()) {
                    grid.add(CountLabels.noBreakdown(), c + 1, r + 1);
                    continue;
                }
                Label value = new Label(CompactNumbers.format(n));
                value.getStyleClass().add(n == 0 ? Styles.TEXT_MUTED : StateStyle.styleClass(COLUMNS.get(c)));
                if (n >= CompactNumbers.COMPACT_FROM) {
                    value.setTooltip(new Tooltip(CompactNumbers.exact(n)));
                }
                grid.add(value, c + 1, r + 1);
            }
        }
    }

    private static String kindsText(List<KindCounts> kinds) {
        return kinds.stream().map(k -> (k.kind().isEmpty() ? "(none)" : k.kind()) + ":  "
                        + COLUMNS.stream().map(s -> StateStyle.label(s) + " " + CompactNumbers.exact(k.counts().get(s)))
                        .collect(Collectors.joining("  ·  ")))
                .collect(Collectors.joining("\n"));
    }
}
