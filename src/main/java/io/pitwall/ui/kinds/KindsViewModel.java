package io.pitwall.ui.kinds;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.KindAge;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.StatusSnapshot;
import io.pitwall.ui.common.Errors;
import io.pitwall.ui.shell.ShowsSession;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.util.Duration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Every kind of every detected queue with its counts per state and the age of its oldest queued task. Polled on the
 * executor while the screen shows: the counts every few seconds, the ages (a grouped min per queue) with them.
 */
public final class KindsViewModel implements ShowsSession {

    public static final Duration REFRESH = Duration.seconds(3);

    private final ObservableList<KindRow> rows = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Instant> lastRefreshed = new ReadOnlyObjectWrapper<>();
    private final ScheduledService<Read> poller;
    private List<KindRow> all = List.of();
    private MonitorSession session;
    private final Executor executor;

    private record Read(StatusSnapshot status, List<KindAge> ages) {
    }

    public KindsViewModel(Executor executor) {
        this.executor = executor;
        poller = new ScheduledService<>() {
            @Override
            protected Task<Read> createTask() {
                MonitorSession current = session;
                return new Task<>() {
                    @Override
                    protected Read call() throws Exception {
                        return new Read(current.status(null), current.kindAges());
                    }
                };
            }
        };
        poller.setExecutor(executor);
        poller.setPeriod(REFRESH);
        poller.setRestartOnFailure(true);
        poller.setMaximumFailureCount(Integer.MAX_VALUE);
        poller.setOnSucceeded(e -> apply(poller.getValue()));
        poller.setOnFailed(e -> problem.set(Errors.describe(poller.getException())));
        filter.addListener((obs, old, now) -> applyFilter());
    }

    /** The database shown now, or null; pause and resume act on it. */
    public MonitorSession session() {
        return session;
    }

    @Override
    public void show(MonitorSession newSession) {
        poller.cancel();
        session = newSession;
        all = List.of();
        rows.clear();
        problem.set("");
        lastRefreshed.set(null);
        if (newSession != null) {
            poller.restart();
        }
    }

    public void start() {
        if (session != null && !poller.isRunning()) {
            poller.restart();
        }
    }

    public void stop() {
        poller.cancel();
    }

    /** Reads now, e.g. after a pause or resume ended. */
    public void refresh() {
        MonitorSession current = session;
        if (current == null) {
            return;
        }
        // A one-off read: restarting the ScheduledService while it waits for its period trips its own assertions.
        Task<Read> once = new Task<>() {
            @Override
            protected Read call() throws Exception {
                return new Read(current.status(null), current.kindAges());
            }
        };
        once.setOnSucceeded(e -> {
            if (session == current) {
                apply(once.getValue());
            }
        });
        once.setOnFailed(e -> problem.set(Errors.describe(once.getException())));
        executor.execute(once);
    }

    void apply(Read read) {
        problem.set("");
        Map<String, KindAge> ages = new HashMap<>();
        read.ages().forEach(a -> ages.put(a.profileId() + "|" + a.where() + "|" + a.kind(), a));
        List<KindRow> next = new ArrayList<>();
        for (QueueStatus queue : read.status().queues()) {
            java.util.Set<io.pitwall.queue.CanonicalState> estimated = java.util.EnumSet.noneOf(io.pitwall.queue.CanonicalState.class);
            for (io.pitwall.queue.CanonicalState state : io.pitwall.queue.CanonicalState.values()) {
                if (!queue.accuracyOf(state).exact()) {
                    estimated.add(state);
                }
            }
            for (KindCounts kind : queue.kinds()) {
                KindAge age = ages.get(queue.profileId() + "|" + queue.where() + "|" + kind.kind());
                next.add(new KindRow(queue.profileId(), queue.where(), queue.title(), kind.kind(), kind.counts(),
                        age == null ? null : java.time.Duration.between(age.oldestQueued(), age.readAt()), estimated));
            }
        }
        all = List.copyOf(next);
        applyFilter();
        lastRefreshed.set(read.status().takenAt());
    }

    private void applyFilter() {
        String needle = filter.get() == null ? "" : filter.get().strip().toLowerCase();
        List<KindRow> shown = all.stream().filter(r -> needle.isEmpty()
                || (r.kind() + " " + r.profileId() + " " + r.where() + " " + r.queueTitle()).toLowerCase().contains(needle))
                .toList();
        if (!shown.equals(rows)) {
            rows.setAll(shown);
        }
    }

    public ObservableList<KindRow> rows() {
        return rows;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> lastRefreshedProperty() {
        return lastRefreshed.getReadOnlyProperty();
    }
}
