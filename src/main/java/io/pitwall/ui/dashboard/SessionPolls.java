package io.pitwall.ui.dashboard;

import io.pitwall.monitor.MonitorSession;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.util.Duration;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The dashboard's reads of the session it shows: each a periodic service on the background executor whose result
 * is applied on the FX thread, or a one-off read whose result is dropped if the dashboard moved to another session.
 */
final class SessionPolls {

    interface SessionRead<T> {
        T from(MonitorSession session) throws Exception;
    }

    private final Executor executor;
    private final Supplier<MonitorSession> session;

    SessionPolls(Executor executor, Supplier<MonitorSession> session) {
        this.executor = executor;
        this.session = session;
    }

    /** Reads one thing from the current session every {@code period}; a failure is retried on the next period. */
    <T> ScheduledService<T> every(Duration period, SessionRead<T> read, Consumer<T> apply) {
        ScheduledService<T> service = new ScheduledService<>() {
            @Override
            protected Task<T> createTask() {
                MonitorSession current = session.get();
                return new Task<>() {
                    @Override
                    protected T call() throws Exception {
                        try {
                            return read.from(current);
                        } catch (Exception e) {
                            throw current == null ? e : current.blame(e);
                        }
                    }
                };
            }
        };
        service.setExecutor(executor);
        service.setPeriod(period);
        service.setRestartOnFailure(true);
        service.setMaximumFailureCount(Integer.MAX_VALUE);
        service.setOnSucceeded(e -> apply.accept(service.getValue()));
        return service;
    }

    /** Reads once now (restarting a ScheduledService while it waits for its period trips its own assertions). */
    <T> void once(SessionRead<T> read, Consumer<T> apply) {
        MonitorSession current = session.get();
        if (current == null) {
            return;
        }
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return read.from(current);
            }
        };
        task.setOnSucceeded(e -> {
            if (session.get() == current) {
                apply.accept(task.getValue());
            }
        });
        executor.execute(task);
    }
}
