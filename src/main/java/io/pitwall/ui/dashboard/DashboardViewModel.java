package io.pitwall.ui.dashboard;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.QueueTrend;
import io.pitwall.queue.StuckItem;
import io.pitwall.queue.StateCounts;
import io.pitwall.queue.StatusSnapshot;
import io.pitwall.ui.shell.ShowsSession;
import io.pitwall.ui.common.Errors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.ScheduledService;
import javafx.util.Duration;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Polls one database's status on a background executor and applies each snapshot on the FX thread.
 * Polling runs only while the dashboard shows; a failed read raises the banner and the next success clears it.
 */
public final class DashboardViewModel implements ShowsSession {

    public static final Duration REFRESH = Duration.millis(1500);
    /** Throughput reads an hour of finish times: cheap with an index, but not worth doing every refresh. */
    public static final Duration TREND_REFRESH = Duration.seconds(15);
    /** Stuck rules run one query each; every 5 s keeps the database load a handful of queries per refresh. */
    public static final Duration STUCK_REFRESH = Duration.seconds(5);

    // Properties
    private final ObservableList<QueueCardModel> cards = FXCollections.observableArrayList();
    // One wrapper for the life of the view model: the wrapper listens weakly, a fresh one per call loses events.
    private final ObservableList<QueueCardModel> readOnlyCards = FXCollections.unmodifiableObservableList(cards);
    private final ReadOnlyObjectWrapper<Instant> lastRefreshed = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper unreachable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper slow = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper whatFailed = new ReadOnlyStringWrapper(Errors.whatFailed(null));
    /** Profiles whose SQL this database rejects, one line each: set aside, while the other cards keep counting. */
    private final ReadOnlyStringWrapper setAside = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<StateCounts> totals = new ReadOnlyObjectWrapper<>(StateCounts.EMPTY);
    private final ReadOnlyIntegerWrapper stuckTotal = new ReadOnlyIntegerWrapper();

    private final ScheduledService<StatusSnapshot> poller;
    private final ScheduledService<List<QueueTrend>> trendPoller;
    private final ScheduledService<List<StuckItem>> stuckPoller;
    private final List<ScheduledService<?>> pollers;
    private MonitorSession session;
    private final SessionPolls polls;
    private List<QueueTrend> lastTrends = List.of();
    private List<StuckItem> lastStuck = List.of();
    private boolean stuckRead;
    private final List<Consumer<Alert>> alertListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CardThresholds thresholds;
    private final ReadOnlyStringWrapper thresholdsProblem = new ReadOnlyStringWrapper("");

    /** A queue just crossed a threshold: what, in words, for a notification. */
    public record Alert(String profileId, String where, String title, List<String> crossed) {
    }

    public DashboardViewModel(Executor executor) {
        this(executor, io.pitwall.connect.SavedChecks.inUserConfig());
    }

    /** With the thresholds kept in {@code checks} (the connection's section) rather than the user's config folder. */
    public DashboardViewModel(Executor executor, io.pitwall.connect.SavedChecks checks) {
        this.thresholds = new CardThresholds(checks, executor);
        SessionPolls polls = new SessionPolls(executor, () -> session);
        this.polls = polls;
        poller = polls.every(REFRESH, s -> s.status(null), this::apply);
        poller.setOnFailed(e -> fail(poller.getException()));
        // Trend and stuck reads cost more and change slower; a failed one leaves the last values on screen,
        // since the status poller already reports an outage.
        trendPoller = polls.every(TREND_REFRESH, MonitorSession::trends, this::applyTrends);
        stuckPoller = polls.every(STUCK_REFRESH, s -> s.stuck(null, List.of(), null), this::applyStuck);
        pollers = List.of(poller, trendPoller, stuckPoller);
    }

    /** The database shown now, or null; actions opened from a card act on it. */
    public MonitorSession session() {
        return session;
    }

    // Commands

    /** Points the dashboard at another database (or none); the old cards go. */
    @Override
    public void show(MonitorSession newSession) {
        pollers.forEach(ScheduledService::cancel);
        session = newSession;
        cards.clear();
        loaded.set(false);
        unreachable.set(false);
        slow.set(false);
        problem.set("");
        setAside.set("");
        lastRefreshed.set(null);
        lastTrends = List.of();
        lastStuck = List.of();
        stuckRead = false;
        totals.set(StateCounts.EMPTY);
        stuckTotal.set(0);
        if (newSession != null) {
            thresholds.load(newSession.pools().identity().name(), this::thresholdsChanged);
            pollers.forEach(ScheduledService::restart);
        }
    }

    /** Keeps this queue's thresholds with the connection and judges every card by them from now on. */
    public void saveThresholds(QueueCardModel card, QueueThresholds limits, Consumer<String> failed) {
        thresholds.save(card, limits, this::thresholdsChanged, why -> {
            thresholdsProblem.set(why);
            failed.accept(why);
        });
    }

    /** Where the thresholds are kept: the file and the connection's section. */
    public String thresholdsStore() {
        return thresholds.where();
    }

    private void thresholdsChanged() {
        thresholdsProblem.set(thresholds.problem());
        cards.forEach(thresholds::applyTo);
        review();
    }

    /** Why the saved thresholds could not be read or written (the defaults apply), or "". */
    public ReadOnlyStringProperty thresholdsProblemProperty() {
        return thresholdsProblem.getReadOnlyProperty();
    }

    public void start() {
        if (session != null) {
            pollers.stream().filter(p -> !p.isRunning()).forEach(ScheduledService::restart);
        }
    }

    public void stop() {
        pollers.forEach(ScheduledService::cancel);
    }

    /** Stuck items go to the card of their queue; a profile's other objects (a lock, a master row) to its first card. */
    void applyStuck(List<StuckItem> stuck) {
        stuckRead = true;
        lastStuck = stuck;
        for (QueueCardModel card : cards) {
            card.applyStuck(stuckFor(card));
        }
        stuckTotal.set(Severity.byTask(stuck).size());
        review();
    }

    /** Marks the cards over a threshold, tells the listeners what is newly crossed, and puts the worst first. */
    private void review() {
        for (QueueCardModel card : cards) {
            List<String> fresh = card.evaluate();
            if (!fresh.isEmpty()) {
                Alert alert = new Alert(card.profileId(), card.where(), card.title(), fresh);
                alertListeners.forEach(l -> l.accept(alert));
            }
        }
        List<QueueCardModel> sorted = cards.stream().sorted(Severity.order()).toList();
        if (!sorted.equals(cards)) {
            cards.setAll(sorted);
        }
    }

    /** Called on the FX thread when a queue newly crosses one of its thresholds. */
    public void addAlertListener(Consumer<Alert> listener) {
        alertListeners.add(listener);
    }

    /** Reads again now, e.g. once an action ended. */
    public void refreshNow() {
        polls.once(s -> s.status(null), this::apply);
        polls.once(s -> s.stuck(null, List.of(), null), this::applyStuck);
    }

    private List<StuckItem> stuckFor(QueueCardModel card) {
        return CardStuck.of(card, cards, lastStuck);
    }

    void applyTrends(List<QueueTrend> trends) {
        lastTrends = trends;
        for (QueueTrend trend : trends) {
            String key = QueueCardModel.keyOf(trend);
            cards.stream().filter(c -> c.key().equals(key)).findFirst().ifPresent(c -> c.applyTrend(trend));
        }
        review();
    }

    void apply(StatusSnapshot snapshot) {
        assert javafx.application.Platform.isFxApplicationThread();
        if (unreachable.get()) {
            // Back after an outage: the schema may have changed meanwhile.
            session.forgetDetection();
        }
        unreachable.set(false);
        slow.set(false);
        problem.set("");
        var detection = session == null ? null : session.knownDetection();
        setAside.set(detection == null ? "" : String.join("\n",
                detection.broken().stream().map(io.pitwall.profile.BrokenBinding::summary).toList()));
        Set<String> seen = new HashSet<>();
        for (QueueStatus status : snapshot.queues()) {
            String key = QueueCardModel.keyOf(status);
            seen.add(key);
            QueueCardModel card = cards.stream().filter(c -> c.key().equals(key)).findFirst().orElse(null);
            if (card == null) {
                card = new QueueCardModel(status);
                thresholds.applyTo(card);
                String cardKey = key;
                lastTrends.stream().filter(t -> QueueCardModel.keyOf(t).equals(cardKey)).findFirst()
                        .ifPresent(card::applyTrend);
                cards.add(card);
                if (stuckRead) {
                    card.applyStuck(stuckFor(card));
                }
            } else {
                card.apply(status);
            }
            card.sample(snapshot.takenAt(), status);
        }
        cards.removeIf(c -> !seen.contains(c.key()));
        totals.set(snapshot.queues().stream().map(QueueStatus::counts).reduce(StateCounts.EMPTY, StateCounts::plus));
        lastRefreshed.set(snapshot.takenAt());
        loaded.set(true);
        review();
    }

    /** A database that answers too slowly for the pool's wait is "slow", not unreachable: the cards stay bright. */
    void fail(Throwable error) {
        boolean busy = Errors.slow(error);
        slow.set(busy);
        unreachable.set(!busy);
        problem.set(Errors.describe(error));
        whatFailed.set(Errors.whatFailed(error));
    }

    /** The last read waited out the pool (every monitor connection busy): slow, not down. */
    public ReadOnlyBooleanProperty slowProperty() {
        return slow.getReadOnlyProperty();
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

    /** Stuck tasks and objects across every queue, for the summary line. */
    public ReadOnlyIntegerProperty stuckTotalProperty() {
        return stuckTotal.getReadOnlyProperty();
    }

    /** All queues added up, for the summary line. */
    public ReadOnlyObjectProperty<StateCounts> totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty unreachableProperty() {
        return unreachable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty setAsideProperty() {
        return setAside.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty whatFailedProperty() { // the banner's title: the database, or its SSH bastion
        return whatFailed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** True once the first snapshot arrived for the current session. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }
}
