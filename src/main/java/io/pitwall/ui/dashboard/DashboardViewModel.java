package io.pitwall.ui.dashboard;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.QueueTrend;
import io.pitwall.queue.StateCounts;
import io.pitwall.queue.StatusSnapshot;
import io.pitwall.ui.common.Errors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.util.Duration;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Polls one database's status on a background executor and applies each snapshot on the FX thread.
 * Polling runs only while the dashboard shows; a failed read raises the banner and the next success clears it.
 */
public final class DashboardViewModel {

    public static final Duration REFRESH = Duration.millis(1500);
    /** Throughput reads an hour of finish times: cheap with an index, but not worth doing every refresh. */
    public static final Duration TREND_REFRESH = Duration.seconds(15);

    // Properties
    private final ObservableList<QueueCardModel> cards = FXCollections.observableArrayList();
    // One wrapper for the life of the view model: the wrapper listens weakly, a fresh one per call loses events.
    private final ObservableList<QueueCardModel> readOnlyCards = FXCollections.unmodifiableObservableList(cards);
    private final ReadOnlyObjectWrapper<Instant> lastRefreshed = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper unreachable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<StateCounts> totals = new ReadOnlyObjectWrapper<>(StateCounts.EMPTY);

    private final ScheduledService<StatusSnapshot> poller;
    private final ScheduledService<List<QueueTrend>> trendPoller;
    private MonitorSession session;
    private List<QueueTrend> lastTrends = List.of();

    public DashboardViewModel(Executor executor) {
        poller = new ScheduledService<>() {
            @Override
            protected Task<StatusSnapshot> createTask() {
                MonitorSession current = session;
                return new Task<>() {
                    @Override
                    protected StatusSnapshot call() throws Exception {
                        return current.status(null);
                    }
                };
            }
        };
        poller.setExecutor(executor);
        poller.setPeriod(REFRESH);
        poller.setRestartOnFailure(true);
        poller.setMaximumFailureCount(Integer.MAX_VALUE);
        poller.setOnSucceeded(e -> apply(poller.getValue()));
        poller.setOnFailed(e -> fail(poller.getException()));
        trendPoller = new ScheduledService<>() {
            @Override
            protected Task<List<QueueTrend>> createTask() {
                MonitorSession current = session;
                return new Task<>() {
                    @Override
                    protected List<QueueTrend> call() throws Exception {
                        return current.trends();
                    }
                };
            }
        };
        trendPoller.setExecutor(executor);
        trendPoller.setPeriod(TREND_REFRESH);
        // A failed trend read leaves the last charts; the status poller already reports an outage.
        trendPoller.setRestartOnFailure(true);
        trendPoller.setMaximumFailureCount(Integer.MAX_VALUE);
        trendPoller.setOnSucceeded(e -> applyTrends(trendPoller.getValue()));
    }

    /** The database shown now, or null; actions opened from a card act on it. */
    public MonitorSession session() {
        return session;
    }

    // Commands

    /** Points the dashboard at another database (or none); the old cards go. */
    public void show(MonitorSession newSession) {
        poller.cancel();
        trendPoller.cancel();
        session = newSession;
        cards.clear();
        loaded.set(false);
        unreachable.set(false);
        problem.set("");
        lastRefreshed.set(null);
        lastTrends = List.of();
        totals.set(StateCounts.EMPTY);
        if (newSession != null) {
            poller.restart();
            trendPoller.restart();
        }
    }

    public void start() {
        if (session != null && !poller.isRunning()) {
            poller.restart();
        }
        if (session != null && !trendPoller.isRunning()) {
            trendPoller.restart();
        }
    }

    public void stop() {
        poller.cancel();
        trendPoller.cancel();
    }

    void applyTrends(List<QueueTrend> trends) {
        lastTrends = trends;
        for (QueueTrend trend : trends) {
            String key = QueueCardModel.keyOf(trend);
            cards.stream().filter(c -> c.key().equals(key)).findFirst().ifPresent(c -> c.applyTrend(trend));
        }
    }

    void apply(StatusSnapshot snapshot) {
        assert javafx.application.Platform.isFxApplicationThread();
        if (unreachable.get()) {
            // Back after an outage: the schema may have changed meanwhile.
            session.forgetDetection();
        }
        unreachable.set(false);
        problem.set("");
        Set<String> seen = new HashSet<>();
        for (QueueStatus status : snapshot.queues()) {
            String key = QueueCardModel.keyOf(status);
            seen.add(key);
            QueueCardModel card = cards.stream().filter(c -> c.key().equals(key)).findFirst().orElse(null);
            if (card == null) {
                card = new QueueCardModel(status);
                String cardKey = key;
                lastTrends.stream().filter(t -> QueueCardModel.keyOf(t).equals(cardKey)).findFirst()
                        .ifPresent(card::applyTrend);
                cards.add(card);
            } else {
                card.apply(status);
            }
            card.sample(snapshot.takenAt(), status);
        }
        cards.removeIf(c -> !seen.contains(c.key()));
        totals.set(snapshot.queues().stream().map(QueueStatus::counts).reduce(StateCounts.EMPTY, StateCounts::plus));
        lastRefreshed.set(snapshot.takenAt());
        loaded.set(true);
    }

    void fail(Throwable error) {
        unreachable.set(true);
        problem.set(Errors.describe(error));
    }

    public ObservableList<QueueCardModel> cards() {
        return readOnlyCards;
    }

    public List<QueueCardModel> cardList() {
        return List.copyOf(cards);
    }

    public ReadOnlyObjectProperty<Instant> lastRefreshedProperty() {
        return lastRefreshed.getReadOnlyProperty();
    }

    /** All queues added up, for the summary line. */
    public ReadOnlyObjectProperty<StateCounts> totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty unreachableProperty() {
        return unreachable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** True once the first snapshot arrived for the current session. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }
}
