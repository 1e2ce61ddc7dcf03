package io.pitwall.ui.tasks;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.Binding;
import io.pitwall.queue.StuckItem;
import io.pitwall.queue.WorkerSummary;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.util.Duration;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The stuck & failed screen's periodic read: the detected queues, what is stuck, who holds what; off the FX thread. */
final class TasksPoll {

    /** What one poll reads. */
    record Polled(List<Binding> queues, List<StuckItem> stuck, List<WorkerSummary> workers, Instant at) {
    }

    private TasksPoll() {
    }

    static Polled read(MonitorSession session) throws Exception {
        return new Polled(session.detection().bindings(), session.stuck(null, List.of(), null), session.workers(null),
                Instant.now());
    }

    /** Every {@code period}, of the session current when each read starts; a failed read retries at the next. */
    static ScheduledService<Polled> every(Duration period, Executor executor, Supplier<MonitorSession> session,
                                          Consumer<Polled> apply, Consumer<Throwable> failed) {
        ScheduledService<Polled> poller = new ScheduledService<>() {
            @Override
            protected Task<Polled> createTask() {
                MonitorSession current = session.get();
                return task(current);
            }
        };
        poller.setExecutor(executor);
        poller.setPeriod(period);
        poller.setRestartOnFailure(true);
        poller.setMaximumFailureCount(Integer.MAX_VALUE);
        poller.setOnSucceeded(e -> apply.accept(poller.getValue()));
        poller.setOnFailed(e -> failed.accept(poller.getException()));
        return poller;
    }

    /** One read now. */
    static void once(Executor executor, MonitorSession session, Consumer<Polled> apply, Consumer<Throwable> failed) {
        Task<Polled> once = task(session);
        once.setOnSucceeded(e -> apply.accept(once.getValue()));
        once.setOnFailed(e -> failed.accept(once.getException()));
        executor.execute(once);
    }

    private static Task<Polled> task(MonitorSession session) {
        return new Task<>() {
            @Override
            protected Polled call() throws Exception {
                return read(session);
            }
        };
    }
}
