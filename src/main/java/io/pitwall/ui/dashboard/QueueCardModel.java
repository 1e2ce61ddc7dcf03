package io.pitwall.ui.dashboard;

import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.CountAccuracy;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.MissingIndex;
import io.pitwall.queue.QueueCounts;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.QueueTrend;
import io.pitwall.queue.StateCounts;
import io.pitwall.queue.StuckItem;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.List;

/** One queue's card on the dashboard; updated in place on each refresh so the view never rebuilds. */
public final class QueueCardModel {

    // Properties
    private final String key;
    private final String profileId;
    private final String title;
    private final String where;
    private final String queue;
    private final ReadOnlyObjectWrapper<StateCounts> counts = new ReadOnlyObjectWrapper<>(StateCounts.EMPTY);
    private final ReadOnlyObjectWrapper<List<StuckItem>> stuck = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<StateCounts> previous = new ReadOnlyObjectWrapper<>(StateCounts.EMPTY);
    private final ReadOnlyBooleanWrapper estimated = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<QueueStatus> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<MissingIndex>> missingIndexes = new ReadOnlyObjectWrapper<>(List.of());
    private final ObservableList<KindCounts> kinds = FXCollections.observableArrayList();
    private final ObservableList<KindCounts> readOnlyKinds = FXCollections.unmodifiableObservableList(kinds);
    private final ObservableList<QueueCounts> queues = FXCollections.observableArrayList();
    private final ObservableList<QueueCounts> readOnlyQueues = FXCollections.unmodifiableObservableList(queues);
    private final BacklogHistory history = new BacklogHistory();
    private final ReadOnlyObjectWrapper<BacklogHistory.Sample> lastSample = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<QueueTrend> trend = new ReadOnlyObjectWrapper<>();
    private final javafx.beans.property.ObjectProperty<QueueThresholds> thresholds =
            new javafx.beans.property.SimpleObjectProperty<>(QueueThresholds.DEFAULT);
    private final ReadOnlyObjectWrapper<List<String>> alerts = new ReadOnlyObjectWrapper<>(List.of());
    private boolean stuckRead;
    private boolean primed;

    QueueCardModel(QueueStatus status) {
        this.key = keyOf(status);
        this.profileId = status.profileId();
        this.title = status.title();
        this.where = status.where();
        this.queue = CardThresholds.queueOf(status);
        apply(status);
    }

    static String keyOf(QueueStatus status) {
        return status.profileId() + "|" + status.where();
    }

    static String keyOf(QueueTrend trend) {
        return trend.profileId() + "|" + trend.where();
    }

    // Commands
    void apply(QueueStatus status) {
        previous.set(counts.get().total() == 0 ? status.counts() : counts.get());
        // Before the counts, so a view that renders on a counts change reads this refresh's accuracy.
        this.status.set(status);
        if (!missingIndexes.get().equals(status.missingIndexes())) {
            missingIndexes.set(status.missingIndexes());
        }
        counts.set(status.counts());
        estimated.set(status.estimated());
        kinds.setAll(status.kinds());
        if (!queues.equals(status.queues())) {
            queues.setAll(status.queues());
        }
    }

    /** Records the counts for the backlog chart; at most one sample every few seconds is kept. */
    void sample(Instant at, QueueStatus status) {
        if (history.add(at, status.counts())) {
            lastSample.set(new BacklogHistory.Sample(at, status.counts()));
        }
    }

    void applyStuck(List<StuckItem> items) {
        stuckRead = true;
        stuck.set(List.copyOf(items));
    }

    /** What the profile's stuck rules found in this queue, with their evidence. */
    public ReadOnlyObjectProperty<List<StuckItem>> stuckProperty() {
        return stuck.getReadOnlyProperty();
    }

    void applyTrend(QueueTrend newTrend) {
        trend.set(newTrend);
    }

    /** The samples of the last hour, oldest first. */
    public List<BacklogHistory.Sample> backlog() {
        return history.samples();
    }

    /** The newest sample kept; changes at most every {@link BacklogHistory#SPACING}. */
    public ReadOnlyObjectProperty<BacklogHistory.Sample> lastSampleProperty() {
        return lastSample.getReadOnlyProperty();
    }

    /** Throughput and oldest queued task, read less often than the counts. */
    public ReadOnlyObjectProperty<QueueTrend> trendProperty() {
        return trend.getReadOnlyProperty();
    }

    /** This queue's thresholds; the card is marked and a notice raised when one is crossed. */
    public javafx.beans.property.ObjectProperty<QueueThresholds> thresholdsProperty() {
        return thresholds;
    }

    /** The thresholds crossed now, in words ("2 stuck", "oldest queued 42 min > 10 min"); empty when fine. */
    public ReadOnlyObjectProperty<List<String>> alertsProperty() {
        return alerts.getReadOnlyProperty();
    }

    /**
     * Re-evaluates the thresholds; returns what is newly crossed since the last evaluation. Until the card has its
     * first stuck and trend reads it only marks itself: what was wrong when the console opened shows on the card
     * (first, in red), and only a change after that raises a notice.
     */
    List<String> evaluate() {
        List<String> before = alerts.get();
        List<String> now = Severity.crossed(this, thresholds.get());
        alerts.set(List.copyOf(now));
        if (!primed) {
            // The first evaluation with both reads in is the baseline, not a change.
            primed = stuckRead && trend.get() != null;
            return List.of();
        }
        java.util.Set<String> had = new java.util.HashSet<>();
        before.forEach(b -> had.add(Severity.category(b)));
        return now.stream().filter(n -> !had.contains(Severity.category(n))).toList();
    }

    public String key() {
        return key;
    }

    public String profileId() {
        return profileId;
    }

    public String title() {
        return title;
    }

    public String where() {
        return where;
    }

    /** The name this queue goes by in checks and saved thresholds: its queue, or its table where it has none. */
    public String queue() {
        return queue;
    }

    public ReadOnlyObjectProperty<StateCounts> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** The counts of the refresh before, for the small change markers. */
    public ReadOnlyObjectProperty<StateCounts> previousProperty() {
        return previous.getReadOnlyProperty();
    }

    /** How each state's count was obtained in the latest refresh. */
    public CountAccuracy accuracyOf(CanonicalState state) {
        QueueStatus latest = status.get();
        return latest == null ? CountAccuracy.FULL_COUNT : latest.accuracyOf(state);
    }

    /** Indexes this table lacks for exact counts; empty where counts need none (a small table) or all exist. */
    public ReadOnlyObjectProperty<List<MissingIndex>> missingIndexesProperty() {
        return missingIndexes.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty estimatedProperty() {
        return estimated.getReadOnlyProperty();
    }

    public ObservableList<KindCounts> kinds() {
        return readOnlyKinds;
    }

    /** Counts per queue where the table holds many queues (the profile's {@code tasks.queue}); empty otherwise. */
    public ObservableList<QueueCounts> queues() {
        return readOnlyQueues;
    }
}
