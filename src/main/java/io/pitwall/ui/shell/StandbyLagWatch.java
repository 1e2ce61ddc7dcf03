package io.pitwall.ui.shell;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.ReplicaLag;
import io.pitwall.ui.common.Errors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.util.Duration;

import java.util.concurrent.Executor;

/**
 * The top bar's standby badge: while the console monitors a standby, its lag is read every few seconds (one small
 * query) so the operator knows how old what the screens show may be. Previews and actions read the primary anyway.
 */
public final class StandbyLagWatch {

    public static final Duration REFRESH = Duration.seconds(5);
    /** Further behind than this, the badge turns to a warning. */
    public static final java.time.Duration LAGGING_AFTER = java.time.Duration.ofSeconds(30);

    // Properties
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper lagging = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");

    private final ScheduledService<ReplicaLag> poller;
    private volatile MonitorSession session;

    StandbyLagWatch(Executor executor) {
        poller = new ScheduledService<>() {
            @Override
            protected Task<ReplicaLag> createTask() {
                MonitorSession current = session;
                return new Task<>() {
                    @Override
                    protected ReplicaLag call() throws Exception {
                        return current.replicaLag();
                    }
                };
            }
        };
        poller.setExecutor(executor);
        poller.setPeriod(REFRESH);
        poller.setRestartOnFailure(true);
        poller.setMaximumFailureCount(Integer.MAX_VALUE);
        poller.setOnSucceeded(e -> apply(poller.getValue()));
        poller.setOnFailed(e -> {
            lagging.set(true);
            text.set("STANDBY · unreadable");
            detail.set("The standby's lag cannot be read: " + Errors.describe(poller.getException()));
        });
    }

    /** Follows the console's database: watches its standby, or stops when it has none. */
    void show(MonitorSession newSession) {
        poller.cancel();
        session = newSession;
        boolean standby = newSession != null && newSession.pools().standby() != null;
        active.set(standby);
        lagging.set(false);
        text.set(standby ? "STANDBY" : "");
        detail.set(standby ? "Screens read the standby " + newSession.pools().standby().displayUri()
                + "; previews and actions read the primary." : "");
        if (standby) {
            poller.restart();
        }
    }

    void apply(ReplicaLag lag) {
        lagging.set(!lag.standby() || !lag.streaming() || lag.lag().compareTo(LAGGING_AFTER) > 0);
        text.set(lag.standby() ? "STANDBY · lag " + ReplicaLag.format(lag.lag()) : "NOT A STANDBY");
        detail.set("Screens read " + session.pools().standby().displayUri() + ": " + lag.describe()
                + ". Previews and actions read the primary.");
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** Behind by more than {@link #LAGGING_AFTER}, not streaming, or not a standby at all. */
    public ReadOnlyBooleanProperty laggingProperty() {
        return lagging.getReadOnlyProperty();
    }

    /** "STANDBY · lag 0.4 s". */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }
}
