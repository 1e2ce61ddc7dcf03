package io.pitwall.ui.tasks;

import io.pitwall.monitor.FailedReader;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.Binding;
import io.pitwall.queue.ErrorGroup;
import io.pitwall.queue.FailedTask;
import io.pitwall.queue.TaskFilter;
import io.pitwall.queue.TaskPage;
import io.pitwall.ui.common.Errors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The failed list (or cancelled, unknown): keyset pages of every queue merged newest first, or the failures
 * grouped by error fingerprint with the queue each group was read from. A later reload wins over an earlier one
 * still reading.
 */
final class FailedListModel {

    static final int PAGE = TasksViewModel.PAGE;

    private final Executor executor;
    private final Supplier<MonitorSession> session;
    private final ObservableList<Binding> queues;
    private final ObjectProperty<Binding> queue;
    private final Supplier<TaskFilter> filter;
    private final BooleanSupplier grouped;
    private final Consumer<String> report;

    private final ObservableList<FailedTask> failed = FXCollections.observableArrayList();
    private final ObservableList<ErrorGroup> groups = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper failedNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper moreFailed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loadingFailed = new ReadOnlyBooleanWrapper();
    private final Map<Binding, TaskPage.Cursor> failedCursors = new LinkedHashMap<>();
    private final Map<ErrorGroup, Binding> groupQueues = new java.util.IdentityHashMap<>();
    private long failedGeneration;

    FailedListModel(Executor executor, Supplier<MonitorSession> session, ObservableList<Binding> queues,
                    ObjectProperty<Binding> queue, Supplier<TaskFilter> filter, BooleanSupplier grouped,
                    Consumer<String> report) {
        this.executor = executor;
        this.session = session;
        this.queues = queues;
        this.queue = queue;
        this.filter = filter;
        this.grouped = grouped;
        this.report = report;
    }

    /** The session changed: nothing of the last one stays. */
    void clear() {
        failed.clear();
        groups.clear();
    }

    /** Where an error group's tasks live, or null once the groups were read again. */
    Binding groupBinding(ErrorGroup group) {
        return groupQueues.get(group);
    }

    /** Filters changed: the failed list starts again from its first page. */
    void reload() {
        failedCursors.clear();
        failed.clear();
        groups.clear();
        moreFailed.set(false);
        MonitorSession session = this.session.get();
        if (session == null) {
            return;
        }
        List<Binding> targets = queue.get() != null ? List.of(queue.get()) : List.copyOf(queues);
        if (targets.isEmpty() && queues.isEmpty()) {
            // Not detected yet: the first poll brings the queues, then this runs again.
            // The status poll may fill the queues first; either way the failed list loads once they are known.
            runFailed(() -> session.detection().bindings(), found -> {
                if (!found.isEmpty()) {
                    if (queues.isEmpty()) {
                        queues.setAll(found);
                    }
                    reload();
                }
            });
            return;
        }
        TaskFilter filter = this.filter.get();
        if (grouped.getAsBoolean()) {
            runFailed(() -> {
                List<ErrorGroup> all = new ArrayList<>();
                Map<ErrorGroup, Binding> owners = new java.util.IdentityHashMap<>();
                int scanned = 0;
                boolean truncated = false;
                for (Binding binding : targets) {
                    FailedReader.Grouped one = session.failedGroups(binding, filter);
                    all.addAll(one.groups());
                    one.groups().forEach(g -> owners.put(g, binding));
                    scanned += one.scanned();
                    truncated |= one.truncated();
                }
                all.sort(Comparator.comparingLong(ErrorGroup::count).reversed());
                return new GroupResult(all, owners, scanned, truncated);
            }, result -> {
                groupQueues.clear();
                groupQueues.putAll(result.owners());
                groups.setAll(result.groups());
                failedNote.set(result.groups().size() + " distinct errors in " + result.scanned() + " failures"
                        + (result.truncated() ? " (the latest " + result.scanned() + " only)" : ""));
            });
        } else {
            loadFailedPages(session, targets, filter);
        }
    }

    private record GroupResult(List<ErrorGroup> groups, Map<ErrorGroup, Binding> owners, int scanned, boolean truncated) {
    }

    /** The next keyset page of every queue that has more. */
    void loadMore() {
        MonitorSession session = this.session.get();
        if (session == null || failedCursors.isEmpty()) {
            return;
        }
        loadFailedPages(session, List.copyOf(failedCursors.keySet()), filter.get());
    }

    private void loadFailedPages(MonitorSession session, List<Binding> targets, TaskFilter filter) {
        Map<Binding, TaskPage.Cursor> after = new LinkedHashMap<>(failedCursors);
        runFailed(() -> {
            Map<Binding, TaskPage<FailedTask>> pages = new LinkedHashMap<>();
            for (Binding binding : targets) {
                pages.put(binding, session.failed(binding, filter, after.get(binding), PAGE));
            }
            return pages;
        }, pages -> {
            failedCursors.clear();
            List<FailedTask> merged = new ArrayList<>(failed);
            pages.forEach((binding, page) -> {
                merged.addAll(page.rows());
                if (page.next() != null) {
                    failedCursors.put(binding, page.next());
                }
            });
            merged.sort(Comparator.comparing(FailedTask::at, Comparator.nullsLast(Comparator.reverseOrder())));
            failed.setAll(merged);
            moreFailed.set(!failedCursors.isEmpty());
            String what = " " + filter.stateOrFailed().name().toLowerCase() + " tasks";
            failedNote.set(merged.size() + (failedCursors.isEmpty() ? what : "+" + what + ", newest first"));
        });
    }

    private <T> void runFailed(Callable<T> read, Consumer<T> apply) {
        long generation = ++failedGeneration;
        loadingFailed.set(true);
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return read.call();
            }
        };
        task.setOnSucceeded(e -> {
            if (generation == failedGeneration) {
                loadingFailed.set(false);
                apply.accept(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (generation == failedGeneration) {
                loadingFailed.set(false);
                report.accept(Errors.describe(task.getException()));
            }
        });
        executor.execute(task);
    }


    ObservableList<FailedTask> failed() {
        return failed;
    }

    ObservableList<ErrorGroup> groups() {
        return groups;
    }

    ReadOnlyStringWrapper note() {
        return failedNote;
    }

    ReadOnlyBooleanWrapper more() {
        return moreFailed;
    }

    ReadOnlyBooleanWrapper loading() {
        return loadingFailed;
    }
}
