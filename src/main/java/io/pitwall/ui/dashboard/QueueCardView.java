package io.pitwall.ui.dashboard;

import atlantafx.base.controls.Card;
import atlantafx.base.theme.Styles;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.CountAccuracy;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.StateCounts;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
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
    /** The dashboard shares its width among cards no narrower than this, nor wider than {@link #MAX_WIDTH}. */
    static final double MIN_WIDTH = 360;
    static final double MAX_WIDTH = 470;
    private static final NumberFormat NUMBERS = NumberFormat.getIntegerInstance();
    private static final List<CanonicalState> BAR = List.of(CanonicalState.QUEUED, CanonicalState.SCHEDULED,
            CanonicalState.RUNNING, CanonicalState.PAUSED, CanonicalState.FAILED);

    private static final PseudoClass NONE_STUCK = PseudoClass.getPseudoClass("none");

    private final QueueCardModel model;
    private final ListOpener opener;
    private final Map<CanonicalState, Label> headline = new EnumMap<>(CanonicalState.class);
    private final Map<CanonicalState, Label> deltas = new EnumMap<>(CanonicalState.class);
    private final javafx.scene.layout.FlowPane secondary = new javafx.scene.layout.FlowPane(14, 2);
    private final HBox bar = new HBox();
    private final javafx.scene.control.Hyperlink kindsLink = new javafx.scene.control.Hyperlink();
    private final Label estimated = new Label("≈ estimated");
    private final Tooltip estimatedTip = new Tooltip();
    private final Label oldestQueued = new Label();
    private final Label alertLine = new Label();
    private static final PseudoClass ALERT = PseudoClass.getPseudoClass("alert");

    private final javafx.scene.control.Hyperlink thresholdsLink = new javafx.scene.control.Hyperlink();

    QueueCardView(QueueCardModel model) {
        this(model, ListOpener.NONE, m -> { });
    }

    QueueCardView(QueueCardModel model, ListOpener opener, java.util.function.Consumer<QueueCardModel> editThresholds) {
        this.model = model;
        this.opener = opener;
        getStyleClass().add("queue-card");
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);
        setHeader(header());
        setBody(body());
        model.countsProperty().addListener((obs, old, counts) -> render(counts));
        model.kinds().addListener((javafx.collections.ListChangeListener<KindCounts>) c -> renderKinds());
        kindsLink.setId("kinds-link-" + (model.profileId() + "-" + model.where()).replaceAll("[^A-Za-z0-9-]", "_"));
        kindsLink.setMnemonicParsing(false);
        kindsLink.setWrapText(true); // a narrow card wraps the link, never cuts it to "…"
        kindsLink.setMinHeight(Region.USE_PREF_SIZE);
        kindsLink.setTooltip(new javafx.scene.control.Tooltip("Pause or resume a kind of this queue on Queues & kinds"));
        kindsLink.setOnAction(e -> opener.kinds(model.profileId(), model.where()));
        thresholdsLink.setId("thresholds-" + (model.profileId() + "-" + model.where()).replaceAll("[^A-Za-z0-9-]", "_"));
        thresholdsLink.setMnemonicParsing(false);
        thresholdsLink.setWrapText(true);
        thresholdsLink.getStyleClass().add(Styles.TEXT_SMALL);
        thresholdsLink.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> ThresholdsEditor.summary(model.thresholdsProperty().get()), model.thresholdsProperty()));
        thresholdsLink.setTooltip(new Tooltip("Edit this queue's thresholds; they are kept with the connection.\n"
                + "Failures per minute are " + io.pitwall.monitor.health.FailureRate.RULE + ", as pitwall check judges them."));
        thresholdsLink.setOnAction(e -> editThresholds.accept(model));
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
            opens(column, StateStyle.label(state) + " tasks of this queue",
                    () -> opener.state(model.profileId(), model.where(), state));
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
        secondary.getStyleClass().addAll("secondary-counts");
        secondary.setMinHeight(Region.USE_PREF_SIZE);
        oldestQueued.setId("oldest-" + idFor(CanonicalState.QUEUED));
        oldestQueued.getStyleClass().add("oldest-queued");
        oldestQueued.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> oldestText(model.trendProperty().get()), model.trendProperty()));
        oldestQueued.tooltipProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(() -> new Tooltip(
                "How long the oldest queued task has waited; the card is marked above "
                        + io.pitwall.queue.Ages.format(model.thresholdsProperty().get().oldestQueued())),
                model.thresholdsProperty()));
        model.alertsProperty().addListener((obs, old, alerts) -> markAlerts(alerts));
        alertLine.setId("alert-" + (model.profileId() + "-" + model.where()).replaceAll("[^A-Za-z0-9-]", "_"));
        alertLine.getStyleClass().add("card-alert");
        alertLine.setWrapText(true);
        alertLine.setMinHeight(Region.USE_PREF_SIZE); // a wrapped label in a VBox keeps its lines, never "…"
        alertLine.setGraphic(new org.kordamp.ikonli.javafx.FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT));
        markAlerts(model.alertsProperty().get());
        String cardId = (model.profileId() + "-" + model.where()).replaceAll("[^A-Za-z0-9-]", "_");
        VBox body = new VBox(10, alertLine, numbers, bar, secondary, new MissingIndexBanner(model.missingIndexesProperty(), cardId),
                new QueueTrendView(model), kindsLink, thresholdsLink, new QueueBreakdownPane(model.queues(), model::accuracyOf));
        body.setPadding(new Insets(4, 0, 0, 0));
        return body;
    }

    /** A card over a threshold is marked: a red edge and a line that says which threshold, so it reads at a glance. */
    private void markAlerts(List<String> alerts) {
        pseudoClassStateChanged(ALERT, !alerts.isEmpty());
        alertLine.setText(String.join("  ·  ", alerts));
        alertLine.setVisible(!alerts.isEmpty());
        alertLine.setManaged(!alerts.isEmpty());
        boolean late = alerts.stream().anyMatch(a -> a.startsWith("oldest"));
        oldestQueued.pseudoClassStateChanged(ALERT, late);
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
            // A task two rules hit is one stuck task: counted once, its rules listed together.
            Map<String, List<io.pitwall.queue.StuckItem>> tasks = Severity.byTask(items);
            value.setText(CompactNumbers.format(tasks.size()));
            value.pseudoClassStateChanged(NONE_STUCK, tasks.isEmpty());
            evidence.setText(tasks.isEmpty() ? "Nothing stuck by this profile's rules." : tasks.entrySet().stream().limit(8)
                    .map(e -> e.getKey() + "  [" + e.getValue().stream().map(io.pitwall.queue.StuckItem::rule)
                            .collect(Collectors.joining(", ")) + "]  " + e.getValue().getFirst().evidence())
                    .collect(Collectors.joining("\n"))
                    + (tasks.size() > 8 ? "\n… and " + (tasks.size() - 8) + " more" : "")
                    + "\nClick (or Enter) for the stuck list of this queue.");
        });
        value.pseudoClassStateChanged(NONE_STUCK, true);
        VBox column = new VBox(0, value, name);
        Tooltip.install(column, evidence);
        opens(column, "The stuck list of this queue: each task's rule and evidence",
                () -> opener.stuck(model.profileId(), model.where()));
        return column;
    }

    /** A number that opens its list: by click, or by Tab and Enter / Space. */
    static void opens(javafx.scene.Node node, String what, Runnable open) {
        node.getStyleClass().add("opens-list");
        node.setFocusTraversable(true);
        node.setAccessibleRole(javafx.scene.AccessibleRole.BUTTON);
        node.setAccessibleHelp(what);
        node.setOnMouseClicked(e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
                open.run();
            }
        });
        node.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER || e.getCode() == javafx.scene.input.KeyCode.SPACE) {
                e.consume();
                open.run();
            }
        });
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
            value.setText((how.method() == CountAccuracy.Method.ESTIMATED ? "≈" : "") + CompactNumbers.format(n));
            // Every number says how it was obtained, with its full figure where it is shortened (1.2M).
            value.setTooltip(new Tooltip(StateStyle.label(state) + ": " + CompactNumbers.exact(n) + "\n" + CountLabels.describe(how)));
            long change = n - before.get(state);
            deltas.get(state).setText(change == 0 ? "" : (change > 0 ? "+" : "−") + CompactNumbers.format(Math.abs(change)));
        }
        secondary.getChildren().clear();
        for (CanonicalState state : StateStyle.SECONDARY) {
            if (state != CanonicalState.UNKNOWN || counts.get(state) > 0) {
                Label count = new Label(StateStyle.label(state) + " "
                        + (model.accuracyOf(state).method() == CountAccuracy.Method.ESTIMATED ? "≈" : "")
                        + CompactNumbers.format(counts.get(state)));
                count.setId(idFor(state));
                count.getStyleClass().add(Styles.TEXT_MUTED);
                count.setTooltip(new Tooltip(StateStyle.label(state) + ": " + CompactNumbers.exact(counts.get(state))
                        + "  (" + CountLabels.describe(model.accuracyOf(state)) + ")"));
                opens(count, StateStyle.label(state) + " tasks of this queue",
                        () -> opener.state(model.profileId(), model.where(), state));
                secondary.getChildren().add(count);
            }
        }
        estimatedTip.setText("Numbers marked ≈ are the planner's estimates (pg_class.reltuples, pg_stats): "
                + statesCounted(CountAccuracy.Method.ESTIMATED) + ". Counted exactly in the background, at most "
                + "every few minutes (hover for the age): " + statesCounted(CountAccuracy.Method.COUNTED)
                + ". The others are exact, counted now. On a big table only the rows an operator watches are "
                + "counted with each refresh, from an index, so a refresh never scans the whole table.");
        renderBar(counts);
    }

    private String statesCounted(CountAccuracy.Method method) {
        String states = java.util.Arrays.stream(CanonicalState.values())
                .filter(s -> model.accuracyOf(s).method() == method).map(StateStyle::label)
                .collect(Collectors.joining(", "));
        return states.isEmpty() ? "none" : states;
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

    /** The kinds are read on their own screen, with full names; the card says how many and whether any is paused. */
    private void renderKinds() {
        List<KindCounts> kinds = model.kinds();
        long paused = kinds.stream().filter(k -> k.counts().get(CanonicalState.PAUSED) > 0).count();
        kindsLink.setText(kinds.size() + (kinds.size() == 1 ? " kind" : " kinds")
                + (paused == 0 ? "" : " · " + paused + " paused") + " → Queues & kinds");
    }
}
