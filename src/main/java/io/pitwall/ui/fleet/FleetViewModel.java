package io.pitwall.ui.fleet;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.fleet.FleetEntry;
import io.pitwall.monitor.fleet.FleetHealth;
import io.pitwall.monitor.fleet.FleetSnapshot;
import io.pitwall.monitor.fleet.FleetWatcher;
import io.pitwall.queue.HealthSeverity;
import io.pitwall.ui.common.Errors;
import io.pitwall.ui.shell.ShowsSession;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The fleet overview's state: every saved connection's entry, worst first, refreshed every few seconds while the
 * overview shows. The watcher (one read-only pool per connection) is built on the executor when the overview shows
 * and closed when it hides, so a console that never looks at the fleet costs the other databases nothing.
 */
public final class FleetViewModel implements ShowsSession {

    /** How often a round runs; each database's parts are still read no more often than a console reads them. */
    public static final Duration REFRESH = Duration.seconds(5);

    // Properties
    private final ObservableList<FleetEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<FleetEntry> readOnlyEntries = FXCollections.unmodifiableObservableList(entries);
    private final ReadOnlyObjectWrapper<Instant> lastRound = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper currentUri = new ReadOnlyStringWrapper("");

    private final Executor executor;
    private final Function<MonitorSession, FleetWatcher> watchers;
    private volatile MonitorSession current;
    private final ScheduledService<FleetSnapshot> poller;
    private volatile FleetWatcher watcher;
    private Consumer<FleetEntry> opener = entry -> { };

    public FleetViewModel(Executor executor, Supplier<FleetWatcher> watchers) {
        this(executor, (Function<MonitorSession, FleetWatcher>) current -> watchers.get());
    }

    /**
     * @param watchers builds the watcher for the console's current session (null before the first connect), so the
     *                 overview can include the connection the window is on when no saved one is it
     */
    public FleetViewModel(Executor executor, Function<MonitorSession, FleetWatcher> watchers) {
        this.executor = executor;
        this.watchers = watchers;
        poller = new ScheduledService<>() {
            @Override
            protected Task<FleetSnapshot> createTask() {
                return new Task<>() {
                    @Override
                    protected FleetSnapshot call() {
                        FleetWatcher current = watcher;
                        if (current == null) {
                            current = watchers.apply(FleetViewModel.this.current);
                            watcher = current;
                        }
                        return current.poll();
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
    }

    // Commands

    /** Starts the rounds (the overview is on screen). */
    public void start() {
        if (!poller.isRunning()) {
            poller.restart();
        }
    }

    /** Stops the rounds and lets every connection's pool go, on the executor. */
    public void stop() {
        poller.cancel();
        FleetWatcher old = watcher;
        watcher = null;
        if (old != null) {
            executor.execute(old::close);
        }
    }

    /** The console's own database, marked on its card. */
    @Override
    public void show(MonitorSession session) {
        currentUri.set(session == null ? "" : session.pools().target().displayUri());
        if (session != current) {
            current = session;
            // The watcher may read the old session (the current one, when unsaved): the next round builds anew.
            FleetWatcher old = watcher;
            watcher = null;
            if (old != null) {
                executor.execute(old::close);
            }
        }
    }

    /** Opens this connection's dashboard (through the shell's safe switch). */
    public void open(FleetEntry entry) {
        if (entry != null) {
            opener.accept(entry);
        }
    }

    /** Whether this entry is the database the window already shows. */
    public boolean isCurrent(FleetEntry entry) {
        String uri = currentUri.get();
        return !uri.isEmpty() && entry.member().target() != null && entry.member().target().displayUri().equals(uri);
    }

    public void setOpener(Consumer<FleetEntry> opener) {
        this.opener = opener == null ? entry -> { } : opener;
    }

    void apply(FleetSnapshot snapshot) {
        entries.setAll(snapshot.entries());
        lastRound.set(snapshot.takenAt());
        summary.set(summarise(snapshot));
        problem.set("");
        loaded.set(true);
    }

    static String summarise(FleetSnapshot snapshot) {
        int n = snapshot.entries().size();
        List<String> parts = new ArrayList<>();
        parts.add(n + (n == 1 ? " connection" : " connections"));
        for (FleetHealth health : List.of(FleetHealth.UNREACHABLE, FleetHealth.SLOW, FleetHealth.LAGGING)) {
            long count = snapshot.count(health);
            if (count > 0) {
                parts.add(count + " " + health.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        for (HealthSeverity severity : List.of(HealthSeverity.CRITICAL, HealthSeverity.WARNING)) {
            long count = snapshot.entries().stream().filter(e -> e.severity() == severity).count();
            if (count > 0) {
                parts.add(count + " " + severity.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return String.join(" · ", parts);
    }

    public ObservableList<FleetEntry> entries() {
        return readOnlyEntries;
    }

    public ReadOnlyObjectProperty<Instant> lastRoundProperty() {
        return lastRound.getReadOnlyProperty();
    }

    /** "4 connections · 1 unreachable · 1 critical". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Why the last round could not run at all (e.g. connections.json unreadable), or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** The password-free URI of the database this window shows, or empty. */
    public ReadOnlyStringProperty currentUriProperty() {
        return currentUri.getReadOnlyProperty();
    }
}
