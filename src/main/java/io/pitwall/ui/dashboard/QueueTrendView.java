package io.pitwall.ui.dashboard;

import atlantafx.base.theme.Styles;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.QueueTrend;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A card's last hour, small and quiet under the headline numbers: the backlog per state as the console sampled
 * it, and tasks finished and failed per minute from the tasks' own timestamps. No animation and no symbols,
 * so a refresh never makes the wall screen flicker.
 */
final class QueueTrendView extends VBox {

    private static final List<CanonicalState> BACKLOG = List.of(CanonicalState.QUEUED, CanonicalState.RUNNING,
            CanonicalState.FAILED);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final QueueCardModel model;
    private final NumberAxis backlogTime = timeAxis();
    private final Map<CanonicalState, XYChart.Series<Number, Number>> backlog = new EnumMap<>(CanonicalState.class);
    private final NumberAxis throughputTime = timeAxis();
    private final XYChart.Series<Number, Number> succeeded = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> failed = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> succeededSoFar = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> failedSoFar = new XYChart.Series<>();
    private final Label soFarKey = key("┄ this minute", "trend-key-so-far");
    private final Label throughputTitle = title("Per minute");

    QueueTrendView(QueueCardModel model) {
        super(2);
        this.model = model;
        getStyleClass().add("queue-trends");
        LineChart<Number, Number> backlogChart = chart(backlogTime, 90);
        // Series are styled by their index (pitwall.css): a chart resets its series' style classes on add.
        backlogChart.getStyleClass().add("backlog-chart");
        for (CanonicalState state : BACKLOG) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            backlog.put(state, series);
            backlogChart.getData().add(series);
        }
        LineChart<Number, Number> throughputChart = chart(throughputTime, 76);
        throughputChart.getStyleClass().add("throughput-chart");
        throughputChart.getData().add(succeeded);
        throughputChart.getData().add(failed);
        throughputChart.getData().add(succeededSoFar);
        throughputChart.getData().add(failedSoFar);
        HBox throughputLegend = new HBox(10, throughputTitle, key("— finished", "trend-key-finished"),
                key("— failed", StateStyle.styleClass(CanonicalState.FAILED)), soFarKey);
        soFarKey.setTooltip(new javafx.scene.control.Tooltip("The minute under way, dashed: its count so far as a "
                + "rate per minute, so it does not read as a drop to zero"));
        getChildren().addAll(legend("Backlog · last hour", BACKLOG), backlogChart, throughputLegend, throughputChart);
        model.lastSampleProperty().addListener((obs, old, sample) -> {
            if (sample != null) {
                addSample(sample);
            }
        });
        model.trendProperty().addListener((obs, old, trend) -> renderThroughput(trend));
        model.backlog().forEach(this::addSample);
        renderThroughput(model.trendProperty().get());
    }

    private void addSample(BacklogHistory.Sample sample) {
        long x = sample.at().getEpochSecond();
        long oldest = x - BacklogHistory.WINDOW.toSeconds();
        for (CanonicalState state : BACKLOG) {
            var data = backlog.get(state).getData();
            data.add(new XYChart.Data<>(x, sample.counts().get(state)));
            data.removeIf(d -> d.getXValue().longValue() < oldest);
        }
        // Until an hour is sampled, show what there is (at least ten minutes) instead of a line squeezed to the edge.
        long first = backlog.get(CanonicalState.QUEUED).getData().getFirst().getXValue().longValue();
        long range = Math.max(600, x - Math.max(oldest, first));
        backlogTime.setLowerBound(x - range);
        backlogTime.setUpperBound(x);
        backlogTime.setTickUnit(range <= 900 ? 180 : range <= 1800 ? 300 : 900);
    }

    private void renderThroughput(QueueTrend trend) {
        if (trend == null) {
            return;
        }
        throughputTitle.setText(trend.unread() != null ? trend.unread() : trend.hasThroughput() ? "Per minute"
                : "No throughput: this schema keeps no finish time");
        MinuteSeries minutes = MinuteSeries.of(trend, BacklogHistory.WINDOW);
        List<XYChart.Data<Number, Number>> done = new ArrayList<>();
        List<XYChart.Data<Number, Number>> bad = new ArrayList<>();
        for (MinuteSeries.Point point : minutes.complete()) {
            done.add(new XYChart.Data<>(point.x(), point.succeeded()));
            bad.add(new XYChart.Data<>(point.x(), point.failed()));
        }
        succeeded.getData().setAll(done);
        failed.getData().setAll(bad);
        succeededSoFar.getData().setAll(minutes.partial().stream()
                .map(p -> new XYChart.Data<Number, Number>(p.x(), p.succeeded())).toList());
        failedSoFar.getData().setAll(minutes.partial().stream()
                .map(p -> new XYChart.Data<Number, Number>(p.x(), p.failed())).toList());
        // Short enough for the narrowest card; the failures so far are in the tooltip and the red dashes.
        soFarKey.setText("┄ this minute: " + minutes.soFar().succeeded() + " so far");
        soFarKey.getTooltip().setText("The minute under way, dashed: " + minutes.soFar().succeeded() + " finished and "
                + minutes.soFar().failed() + " failed so far, drawn as a rate per minute so a young minute does not"
                + " read as a drop to zero");
        throughputTime.setLowerBound(Math.floorDiv(minutes.upperBound(), 60) * 60 - BacklogHistory.WINDOW.toSeconds());
        throughputTime.setUpperBound(minutes.upperBound());
    }

    private static NumberAxis timeAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setAutoRanging(false);
        axis.setTickUnit(15 * 60);
        axis.setMinorTickVisible(false);
        axis.setAnimated(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                // The axis always labels its upper bound too; off the tick grid it would crowd the last tick.
                double sinceLastTick = (axis.getUpperBound() - axis.getLowerBound()) % axis.getTickUnit();
                if (seconds.doubleValue() >= axis.getUpperBound() && sinceLastTick > 0
                        && sinceLastTick < axis.getTickUnit() * 0.6) {
                    return "";
                }
                return CLOCK.format(Instant.ofEpochSecond(seconds.longValue()));
            }

            @Override
            public Number fromString(String text) {
                return 0;
            }
        });
        return axis;
    }

    private static LineChart<Number, Number> chart(NumberAxis time, double height) {
        NumberAxis values = new NumberAxis();
        values.setForceZeroInRange(true);
        values.setMinorTickVisible(false);
        values.setAnimated(false);
        LineChart<Number, Number> chart = new LineChart<>(time, values);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setHorizontalGridLinesVisible(true);
        chart.setVerticalGridLinesVisible(false);
        chart.setAlternativeRowFillVisible(false);
        chart.getStyleClass().add("trend-chart");
        chart.setPrefHeight(height);
        chart.setMinHeight(height);
        return chart;
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        return label;
    }

    private static Label key(String text, String styleClass) {
        Label key = new Label(text);
        key.getStyleClass().addAll(Styles.TEXT_SMALL, styleClass);
        return key;
    }

    private static HBox legend(String text, List<CanonicalState> states) {
        HBox box = new HBox(10, title(text));
        for (CanonicalState state : states) {
            Label key = new Label("— " + StateStyle.label(state));
            key.getStyleClass().addAll(Styles.TEXT_SMALL, StateStyle.styleClass(state));
            box.getChildren().add(key);
        }
        return box;
    }
}
