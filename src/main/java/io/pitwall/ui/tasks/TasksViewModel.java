package io.pitwall.ui.tasks;

import io.pitwall.monitor.FailedReader;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.Binding;
import io.pitwall.queue.ErrorGroup;
import io.pitwall.queue.FailedTask;
import io.pitwall.queue.StuckItem;
import io.pitwall.queue.TaskDetail;
import io.pitwall.queue.TaskFilter;
import io.pitwall.queue.TaskPage;
import io.pitwall.queue.WorkerSummary;
import io.pitwall.ui.shell.ShowsSession;
import io.pitwall.ui.common.Errors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.util.Duration;

import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Stuck items and workers (polled while the screen shows), failed tasks (keyset pages, on demand), error groups,
 * and the selected task's detail. All reads run on the executor; results are applied on the FX thread.
 */
public final class TasksViewModel implements ShowsSession {

    public static final Duration REFRESH = Duration.seconds(5);
    public static final int PAGE = 200;

    private final Executor executor;
    private MonitorSession session;

    // Filters: the queue (null = all), kind, error text, age window.
    private final ObjectProperty<Binding> queue = new SimpleObjectProperty<>();
    private final StringProperty kind = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<AgeWindow> age = new SimpleObjectProperty<>(AgeWindow.ANY);
    private final BooleanProperty grouped = new SimpleBooleanProperty();
    private final ObjectProperty<io.pitwall.queue.CanonicalState> finishedState =
            new SimpleObjectProperty<>(io.pitwall.queue.CanonicalState.FAILED);

    private final ObservableList<Binding> queues = FXCollections.observableArrayList();
    private final ObservableList<StuckItem> allStuck = FXCollections.observableArrayList();
    private final ObservableList<StuckItem> stuck = FXCollections.observableArrayList();
    private final ObservableList<FailedTask> failed = FXCollections.observableArrayList();
    private final ObservableList<ErrorGroup> groups = FXCollections.observableArrayList();
    private final ObservableList<WorkerSummary> workers = FXCollections.observableArrayList();
    private final TaskDetailModel detail;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper failedNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Instant> lastRefreshed = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper moreFailed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loadingFailed = new ReadOnlyBooleanWrapper();
    private final BooleanProperty refreshPaused = new SimpleBooleanProperty();
    private String pendingQueue;

    private final Map<Binding, TaskPage.Cursor> failedCursors = new LinkedHashMap<>();
    private final Map<ErrorGroup, Binding> groupQueues = new java.util.IdentityHashMap<>();
    private final ScheduledService<Polled> poller;
    private boolean showing;
    private boolean unloaded;
    private long failedGeneration;

    /** What one poll reads: the detected queues, what is stuck, and who holds what. */
    record Polled(List<Binding> queues, List<StuckItem> stuck, List<WorkerSummary> workers, Instant at) {
    }

    public TasksViewModel(Executor executor) {
        this.executor = executor;
        this.detail = new TaskDetailModel(executor, allStuck);
        poller = new ScheduledService<>() {
            @Override
            protected Task<Polled> createTask() {
                MonitorSession current = session;
                return new Task<>() {
                    @Override
                    protected Polled call() throws Exception {
                        return new Polled(current.detection().bindings(), current.stuck(null, List.of(), null),
                                current.workers(null), Instant.now());
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
        queue.addListener((obs, old, now) -> {
            applyStuckFilter();
            reloadFailed();
        });
        kind.addListener((obs, old, now) -> applyStuckFilter());
        text.addListener((obs, old, now) -> applyStuckFilter());
        grouped.addListener((obs, old, now) -> reloadFailed());
        age.addListener((obs, old, now) -> reloadFailed());
        finishedState.addListener((obs, old, now) -> reloadFailed());
        // Paused, the list holds still for reading and choosing rows; Refresh still reads once on demand.
        refreshPaused.addListener((obs, old, paused) -> {
            if (paused) {
                poller.cancel();
            } else {
                start();
            }
        });
    }

    // Commands

    /** The database shown now, or null; actions opened from a row act on it. */
    public MonitorSession session() {
        return session;
    }

    /** Where an error group's tasks live, or null once the groups were read again. */
    public Binding groupBinding(ErrorGroup group) {
        return groupQueues.get(group);
    }

    @Override
    public void show(MonitorSession newSession) {
        poller.cancel();
        session = newSession;
        queues.clear();
        allStuck.clear();
        stuck.clear();
        failed.clear();
        groups.clear();
        workers.clear();
        detail.clear();
        problem.set("");
        lastRefreshed.set(null);
        queue.set(null);
        // A hidden screen reads nothing: the shell hands every screen the new session, only the visible one polls.
        unloaded = newSession != null;
        if (newSession != null && showing) {
            if (!refreshPaused.get()) {
                poller.restart();
            }
            reloadFailed();
            unloaded = false;
        }
    }

    /** The screen became visible: poll, and load the failed list if the session came while it was hidden. */
    public void start() {
        showing = true;
        if (session != null && !refreshPaused.get() && !poller.isRunning()) {
            poller.restart();
        }
        if (session != null && unloaded) {
            unloaded = false;
            reloadFailed();
        }
    }

    public void stop() {
        showing = false;
        poller.cancel();
    }

    /** True while the screen is visible and its stuck and workers poll runs. */
    public boolean polling() {
        return poller.isRunning() || poller.getState() == javafx.concurrent.Worker.State.SCHEDULED;
    }

    public void refresh() {
        if (session != null) {
            if (refreshPaused.get()) {
                readOnce();
            } else {
                poller.restart();
            }
            reloadFailed();
        }
    }

    /** An action or undo ended: what it changed shows now, the selected task's detail too. */
    public void refreshAfterAction() {
        if (session == null) {
            return;
        }
        readOnce();
        reloadFailed();
        String[] key = detail.selectedKey();
        if (key != null) {
            select(key[0], key[1], key[2]);
        }
    }

    private void readOnce() {
        MonitorSession current = session;
        Task<Polled> once = new Task<>() {
            @Override
            protected Polled call() throws Exception {
                return new Polled(current.detection().bindings(), current.stuck(null, List.of(), null),
                        current.workers(null), Instant.now());
            }
        };
        once.setOnSucceeded(e -> apply(once.getValue()));
        once.setOnFailed(e -> problem.set(Errors.describe(once.getException())));
        executor.execute(once);
    }

    /** The detected queue of a profile at a place, or null. */
    Binding binding(String profileId, String where) {
        return queues.stream().filter(b -> b.profile().id().equals(profileId) && b.where().equals(where))
                .findFirst().orElse(null);
    }

    Executor executor() {
        return executor;
    }

    TaskFilter currentFilter() {
        return filter();
    }

    void report(String text) {
        problem.set(text);
    }

    /**
     * Narrows every list to one queue (a click on a card's number); before the queues are known, once they are.
     * Null profile shows every queue.
     */
    public void showQueue(String profileId, String where) {
        pendingQueue = profileId == null ? null : profileId + "|" + where;
        Binding binding = profileId == null ? null : binding(profileId, where);
        if (profileId == null || binding != null) {
            pendingQueue = null;
            queue.set(binding);
        }
    }

    void apply(Polled polled) {
        problem.set("");
        if (!queues.equals(polled.queues())) {
            Binding selected = queue.get();
            queues.setAll(polled.queues());
            if (selected != null && !queues.contains(selected)) {
                queue.set(null);
            }
        }
        if (pendingQueue != null) {
            String[] key = pendingQueue.split("\\|", 2);
            showQueue(key[0], key[1]);
        }
        allStuck.setAll(polled.stuck().stream()
                .sorted(Comparator.comparing(StuckItem::age, Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                .toList());
        applyStuckFilter();
        Binding selected = queue.get();
        workers.setAll(polled.workers().stream().filter(w -> selected == null
                || (w.profileId().equals(selected.profile().id()) && w.where().equals(selected.where()))).toList());
        lastRefreshed.set(polled.at());
    }

    private void applyStuckFilter() {
        Binding selected = queue.get();
        String kindText = kind.get() == null ? "" : kind.get().strip();
        String needle = text.get() == null ? "" : text.get().strip().toLowerCase();
        stuck.setAll(allStuck.stream()
                .filter(i -> selected == null || (i.profileId().equals(selected.profile().id()) && i.where().equals(selected.where())))
                .filter(i -> kindText.isEmpty() || kindText.equals(i.kind()))
                .filter(i -> needle.isEmpty() || (i.evidence() + " " + i.id() + " " + i.owner()).toLowerCase().contains(needle))
                .toList());
    }

    /** Filters changed: the failed list starts again from its first page. */
    public void reloadFailed() {
        failedCursors.clear();
        failed.clear();
        groups.clear();
        moreFailed.set(false);
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
                    reloadFailed();
                }
            });
            return;
        }
        TaskFilter filter = filter();
        if (grouped.get()) {
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
            loadFailedPages(targets, filter);
        }
    }

    private record GroupResult(List<ErrorGroup> groups, Map<ErrorGroup, Binding> owners, int scanned, boolean truncated) {
    }

    /** The next keyset page of every queue that has more. */
    public void loadMoreFailed() {
        if (session == null || failedCursors.isEmpty()) {
            return;
        }
        loadFailedPages(List.copyOf(failedCursors.keySet()), filter());
    }

    private void loadFailedPages(List<Binding> targets, TaskFilter filter) {
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
            String what = " " + finishedState.get().name().toLowerCase() + " tasks";
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
                problem.set(Errors.describe(task.getException()));
            }
        });
        executor.execute(task);
    }

    private TaskFilter filter() {
        return new TaskFilter(kind.get(), text.get(), age.get().olderThan(), age.get().newerThan(), finishedState.get());
    }

    /** Opens a pipeline's timeline; set by the shell, so this screen needs no knowledge of the timeline screen. */
    public void setPipelineOpener(BiConsumer<String, String> opener) {
        detail.setPipelineOpener(opener);
    }

    public boolean canOpenPipeline(TaskDetail task) {
        return detail.canOpenPipeline(task);
    }

    public void openPipeline(TaskDetail task) {
        detail.openPipeline(task);
    }

    /** Loads one task's detail; a later selection wins over an earlier one still loading. */
    public void select(String profileId, String where, String taskId) {
        detail.select(session, binding(profileId, where), profileId, where, taskId);
    }

    /** Writes an export off the FX thread; the outcome shows where the problems show. */
    public void export(java.nio.file.Path file, String csv) {
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws Exception {
                java.nio.file.Files.writeString(file, csv, java.nio.charset.StandardCharsets.UTF_8);
                return null;
            }
        };
        task.setOnSucceeded(e -> detail.note().set("Exported to " + file));
        task.setOnFailed(e -> problem.set("Export failed: " + Errors.describe(task.getException())));
        executor.execute(task);
    }

    /** A group stands for its newest failure. */
    public void selectGroup(ErrorGroup group) {
        Binding binding = groupQueues.get(group);
        if (binding != null && !group.ids().isEmpty()) {
            select(binding.profile().id(), binding.where(), group.ids().getFirst());
        }
    }

    /** A non-task object (a lock, a master row): nothing more to read than its evidence. */
    public void selectObject(StuckItem item) {
        detail.showObject(item);
    }

    // Properties

    public ObjectProperty<Binding> queueProperty() {
        return queue;
    }

    public StringProperty kindProperty() {
        return kind;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObjectProperty<AgeWindow> ageProperty() {
        return age;
    }

    /** Which finished state the second tab lists: FAILED, or CANCELLED / UNKNOWN to look at those the same way. */
    public ObjectProperty<io.pitwall.queue.CanonicalState> finishedStateProperty() {
        return finishedState;
    }

    public BooleanProperty groupedProperty() {
        return grouped;
    }

    public ObservableList<Binding> queues() {
        return queues;
    }

    public ObservableList<StuckItem> stuck() {
        return stuck;
    }

    public ObservableList<FailedTask> failed() {
        return failed;
    }

    public ObservableList<ErrorGroup> groups() {
        return groups;
    }

    public ObservableList<WorkerSummary> workers() {
        return workers;
    }

    public ReadOnlyObjectWrapper<TaskDetail> detailProperty() {
        return detail.detail();
    }

    /** The stuck rules that hit the selected task now, with their evidence; empty when it is not stuck. */
    public javafx.beans.property.ReadOnlyObjectProperty<List<StuckItem>> stuckVerdictProperty() {
        return detail.verdict();
    }

    public ReadOnlyStringWrapper detailNoteProperty() {
        return detail.note();
    }

    public ReadOnlyStringWrapper problemProperty() {
        return problem;
    }

    public ReadOnlyStringWrapper failedNoteProperty() {
        return failedNote;
    }

    public ReadOnlyObjectWrapper<Instant> lastRefreshedProperty() {
        return lastRefreshed;
    }

    public ReadOnlyBooleanWrapper moreFailedProperty() {
        return moreFailed;
    }

    /** True while the periodic refresh of stuck and workers is paused by the operator. */
    public BooleanProperty refreshPausedProperty() {
        return refreshPaused;
    }

    public ReadOnlyBooleanWrapper loadingFailedProperty() {
        return loadingFailed;
    }
}
