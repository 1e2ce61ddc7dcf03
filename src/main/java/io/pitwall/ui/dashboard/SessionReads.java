package io.pitwall.ui.dashboard;

import io.pitwall.monitor.MonitorSession;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.util.Duration;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The dashboard's reads of the session shown now: on the executor, applied on the FX thread. */
final class SessionReads {

    private SessionReads() {
    }

    /** One read of a session, off the FX thread. */
    interface SessionRead<T> {
        T from(MonitorSession session) throws Exception;
    }

    /** Reads one thing from the current session on the executor, every {@code period}, and applies it on the FX thread. */
    static <T> ScheduledService<T> poll(Executor executor, Supplier<MonitorSession> current, Duration period,
                                        SessionRead<T> read, Consumer<T> apply) {
        ScheduledService<T> service = new ScheduledService<>() {
            @Override
            protected Task<T> createTask() {
                MonitorSession session = current.get();
                return new Task<>() {
                    @Override
                    protected T call() throws Exception {
                        return read.from(session);
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

    /** One read now; applied only if the same session still shows when it ends. */
    static <T> void once(Executor executor, MonitorSession session, Supplier<MonitorSession> current,
                         SessionRead<T> read, Consumer<T> apply) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return read.from(session);
            }
        };
        task.setOnSucceeded(e -> {
            if (current.get() == session) {
                apply.accept(task.getValue());
            }
        });
        executor.execute(task);
    }
}
