package io.pitwall.ui.dashboard;

import atlantafx.base.controls.Card;
import atlantafx.base.theme.Styles;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.CountAccuracy;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.StateCounts;
import io.pitwall.ui.runbook.ActionLauncher;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.text.NumberFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A queue's card: the headline counts large, the rest small, a proportion bar, and counts per kind on demand. */
final class QueueCardView extends Card {

    static final double WIDTH = 400;
    private static final NumberFormat NUMBERS = NumberFormat.getIntegerInstance();
    private static final List<CanonicalState> BAR = List.of(CanonicalState.QUEUED, CanonicalState.SCHEDULED,
            CanonicalState.RUNNING, CanonicalState.PAUSED, CanonicalState.FAILED);

    private static final PseudoClass NONE_STUCK = PseudoClass.getPseudoClass("none");

    private final QueueCardModel model;
    private final ActionLauncher actions;
    // Reused across refreshes, and a refresh waits while one is open, so a menu never vanishes under the pointer.
    private final Map<String, javafx.scene.control.MenuButton> kindMenus = new java.util.HashMap<>();
    private final Map<CanonicalState, Label> headline = new EnumMap<>(CanonicalState.class);
    private final Map<CanonicalState, Label> deltas = new EnumMap<>(CanonicalState.class);
    private final Label secondary = new Label();
    private final HBox bar = new HBox();
    private final GridPane kindGrid = new GridPane();
    private final TitledPane kindPane = new TitledPane("", kindGrid);
    private final Label estimated = new Label("≈ estimated");
    private final Tooltip estimatedTip = new Tooltip();
    private final Label oldestQueued = new Label();

    QueueCardView(QueueCardModel model) {
        this(model, null);
    }

    QueueCardView(QueueCardModel model, ActionLauncher actions) {
        this.model = model;
        this.actions = actions;
        getStyleClass().add("queue-card");
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);
        setHeader(header());
        setBody(body());
        model.countsProperty().addListener((obs, old, counts) -> render(counts));
        model.kinds().addListener((javafx.collections.ListChangeListener<KindCounts>) c -> renderKinds());
        estimated.visibleProperty().bind(model.estimatedProperty());
        estimated.managedProperty().bind(model.estimatedProperty());
        render(model.countsProperty().get());
        renderKinds();
    }

    private VBox header() {
        Label title = new Label(model.title());
        title.getStyleClass().add(Styles.TITLE_4);
        estimated.getStyleClass().addAll(Styles.TEXT_SMALL, "estimated-chip");
        estimated.setTooltip(estimatedTip);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, title, spacer, estimated);
        top.setAlignment(Pos.CENTER_LEFT);
        Label where = new Label(model.profileId() + "  ·  " + model.where());
        where.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        return new VBox(2, top, where);
    }

    private VBox body() {
        HBox numbers = new HBox(28);
        for (CanonicalState state : StateStyle.HEADLINE) {
            Label value = new Label("0");
            value.setId(idFor(state));
            value.getStyleClass().addAll("count-value", StateStyle.styleClass(state));
            Label delta = new Label();
            delta.getStyleClass().addAll("count-delta", Styles.TEXT_SMALL);
            Label name = new Label(StateStyle.label(state));
            name.getStyleClass().addAll(Styles.TEXT_MUTED, "count-label");
            HBox valueRow = new HBox(4, value, delta);
            valueRow.setAlignment(Pos.BASELINE_LEFT);
            VBox column = new VBox(0, valueRow, name);
            if (state == CanonicalState.QUEUED) {
                column.getChildren().add(oldestQueued);
            }
            numbers.getChildren().add(column);
            headline.put(state, value);
            deltas.put(state, delta);
        }
        numbers.getChildren().add(stuckColumn());
        bar.getStyleClass().add("state-bar");
        bar.setPrefHeight(8);
        bar.setMinHeight(8);
        secondary.getStyleClass().addAll(Styles.TEXT_MUTED, "secondary-counts");
        secondary.setWrapText(true);
        secondary.setMinHeight(Region.USE_PREF_SIZE);
        kindPane.setExpanded(false);
        kindPane.getStyleClass().addAll(Styles.DENSE, "kind-pane");
        kindGrid.setHgap(18);
        kindGrid.setVgap(3);
        kindGrid.setPadding(new Insets(4, 0, 0, 0));
        oldestQueued.setId("oldest-" + idFor(CanonicalState.QUEUED));
        oldestQueued.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        oldestQueued.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> oldestText(model.trendProperty().get()), model.trendProperty()));
        String cardId = (model.profileId() + "-" + model.where()).replaceAll("[^A-Za-z0-9-]", "_");
        VBox body = new VBox(10, numbers, bar, secondary, new MissingIndexBanner(model.missingIndexesProperty(), cardId),
                new QueueTrendView(model), kindPane, new QueueBreakdownPane(model.queues(), model::accuracyOf));
        body.setPadding(new Insets(4, 0, 0, 0));
        return body;
    }

    /** The age of the oldest queued task, as of the trend's read: the first sign of a backlog nobody drains. */
    static String oldestText(io.pitwall.queue.QueueTrend trend) {
        if (trend == null || trend.oldestQueued() == null) {
            return "";
        }
        long seconds = Math.max(0, java.time.Duration.between(trend.oldestQueued(), trend.readAt()).toSeconds());
        String age = seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min"
                : seconds < 172800 ? seconds / 3600 + " h " + seconds % 3600 / 60 + " min" : seconds / 86400 + " d";
        return "oldest " + age;
    }

    /** Stuck is not a state but what an operator looks for first: a headline number, the evidence on hover. */
    private VBox stuckColumn() {
        Label value = new Label("0");
        value.setId("stuck-" + (model.profileId() + "-" + model.where()).replaceAll("[^A-Za-z0-9-]", "_"));
        value.getStyleClass().addAll("count-value", "stuck-count");
        Label name = new Label("Stuck");
        name.getStyleClass().addAll(Styles.TEXT_MUTED, "count-label");
        Tooltip evidence = new Tooltip();
        evidence.setWrapText(true);
        evidence.setMaxWidth(560);
        model.stuckProperty().addListener((obs, old, items) -> {
            value.setText(CompactNumbers.format(items.size()));
            value.pseudoClassStateChanged(NONE_STUCK, items.isEmpty());
            evidence.setText(items.isEmpty() ? "Nothing stuck by this profile's rules." : items.stream().limit(8)
                    .map(i -> i.rule() + "  " + i.id() + "  " + i.evidence()).collect(Collectors.joining("\n"))
                    + (items.size() > 8 ? "\n… and " + (items.size() - 8) + " more (Stuck & failed, Ctrl+2)" : ""));
        });
        value.pseudoClassStateChanged(NONE_STUCK, true);
        VBox column = new VBox(0, value, name);
        Tooltip.install(column, evidence);
        return column;
    }

    String idFor(CanonicalState state) {
        return "count-" + (model.profileId() + "-" + model.where()).replaceAll("[^A-Za-z0-9-]", "_") + "-" + state.name();
    }

    private void render(StateCounts counts) {
        StateCounts before = model.previousProperty().get();
        for (CanonicalState state : StateStyle.HEADLINE) {
            long n = counts.get(state);
            Label value = headline.get(state);
            CountAccuracy how = model.accuracyOf(state);
            value.setText((how.exact() ? "" : "≈") + CompactNumbers.format(n));
            // Every number says how it was obtained, with its full figure where it is shortened (1.2M).
            value.setTooltip(new Tooltip(StateStyle.label(state) + ": " + CompactNumbers.exact(n) + "\n" + describe(how)));
            long change = n - before.get(state);
            deltas.get(state).setText(change == 0 ? "" : (change > 0 ? "+" : "−") + CompactNumbers.format(Math.abs(change)));
        }
        StringBuilder rest = new StringBuilder();
        for (CanonicalState state : StateStyle.SECONDARY) {
            if (state != CanonicalState.UNKNOWN || counts.get(state) > 0) {
                rest.append(rest.isEmpty() ? "" : "   ·   ")
                        .append(StateStyle.label(state)).append(' ')
                        .append(model.accuracyOf(state).exact() ? "" : "≈").append(CompactNumbers.format(counts.get(state)));
            }
        }
        secondary.setText(rest.toString());
        secondary.setTooltip(new Tooltip(java.util.Arrays.stream(CanonicalState.values())
                .filter(s -> s != CanonicalState.UNKNOWN || counts.get(s) > 0)
                .map(s -> StateStyle.label(s) + ": " + CompactNumbers.exact(counts.get(s)) + "  (" + describe(model.accuracyOf(s)) + ")")
                .collect(Collectors.joining("\n"))));
        estimatedTip.setText("Numbers marked ≈ are the planner's estimates (pg_class.reltuples, pg_stats): "
                + java.util.Arrays.stream(CanonicalState.values()).filter(s -> !model.accuracyOf(s).exact())
                .map(StateStyle::label).collect(Collectors.joining(", "))
                + ". The others are exact, counted now. On a big table only the rows an operator watches are "
                + "counted, from an index, so a refresh never scans the whole table.");
        renderBar(counts);
    }

    /** An estimated state has a total but no count per kind or queue. */
    static Label noBreakdown() {
        Label none = new Label("–");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.setTooltip(new Tooltip("estimated for the whole table only: no count per kind or queue"));
        return none;
    }

    static String describe(CountAccuracy how) {
        return switch (how.source()) {
            case "index" -> "exact, counted now from an index";
            case "full count" -> "exact, counted now";
            default -> how.exact() ? "exact" : "≈ estimated by the planner";
        };
    }

    private void renderBar(StateCounts counts) {
        bar.getChildren().clear();
        long total = BAR.stream().mapToLong(counts::get).sum();
        for (CanonicalState state : BAR) {
            long n = counts.get(state);
            if (n == 0) {
                continue;
            }
            Region segment = new Region();
            segment.getStyleClass().addAll("bar-segment", StateStyle.styleClass(state));
            segment.prefWidthProperty().bind(bar.widthProperty().multiply((double) n / total));
            segment.setMinWidth(3);
            Tooltip.install(segment, new Tooltip(StateStyle.label(state) + ": " + NUMBERS.format(n)));
            bar.getChildren().add(segment);
        }
    }

    private void renderKinds() {
        if (kindMenus.values().stream().anyMatch(javafx.scene.control.MenuButton::isShowing)) {
            return;
        }
        kindGrid.getChildren().clear();
        List<KindCounts> kinds = model.kinds();
        kindPane.setText("By kind (" + kinds.size() + ")");
        List<CanonicalState> columns = List.of(CanonicalState.QUEUED, CanonicalState.RUNNING, CanonicalState.FAILED,
                CanonicalState.PAUSED, CanonicalState.SUCCEEDED);
        for (int c = 0; c < columns.size(); c++) {
            Label head = new Label(StateStyle.label(columns.get(c)));
            head.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            kindGrid.add(head, c + 1, 0);
        }
        for (int r = 0; r < kinds.size(); r++) {
            Label kind = new Label(kinds.get(r).kind().isEmpty() ? "(none)" : kinds.get(r).kind());
            kind.getStyleClass().add("kind-name");
            kindGrid.add(kind, 0, r + 1);
            for (int c = 0; c < columns.size(); c++) {
                long n = kinds.get(r).counts().get(columns.get(c));
                if (!model.accuracyOf(columns.get(c)).exact()) {
                    kindGrid.add(noBreakdown(), c + 1, r + 1);
                    continue;
                }
                Label value = new Label(CompactNumbers.format(n));
                value.getStyleClass().add(n == 0 ? Styles.TEXT_MUTED : StateStyle.styleClass(columns.get(c)));
                if (n >= CompactNumbers.COMPACT_FROM) {
                    value.setTooltip(new Tooltip(CompactNumbers.exact(n)));
                }
                kindGrid.add(value, c + 1, r + 1);
            }
            if (actions != null && !kinds.get(r).kind().isEmpty()) {
                String name = kinds.get(r).kind();
                kindGrid.add(kindMenus.computeIfAbsent(name, k -> actions.kindMenu(model.profileId(), model.where(), k)), columns.size() + 1, r + 1);
            }
        }
    }
}
