package io.pitwall.ui.tasks;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.Binding;
import io.pitwall.queue.ErrorGroup;
import io.pitwall.queue.FailedTask;
import io.pitwall.queue.StuckItem;
import io.pitwall.queue.TaskFilter;
import io.pitwall.queue.WorkerSummary;
import io.pitwall.ui.shell.ShowsSession;
import io.pitwall.ui.common.Errors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.ScheduledService;
import javafx.util.Duration;

import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.Comparator;
import java.util.concurrent.Executor;

/**
 * Stuck items and workers (polled while the screen shows), failed tasks (keyset pages, on demand), error groups,
 * and the selected task's detail. All reads run on the executor; results are applied on the FX thread.
 */
public final class TasksViewModel implements ShowsSession {

    public static final Duration REFRESH = Duration.seconds(5);
    public static final int PAGE = 200;

    private final Executor executor;
    private MonitorSession session;

    private final TaskFilters filters = new TaskFilters(this::applyStuckFilter, this::reloadFailed);
    private final ObservableList<StuckItem> allStuck = FXCollections.observableArrayList();
    private final ObservableList<StuckItem> stuck = FXCollections.observableArrayList();
    private final ObservableList<WorkerSummary> workers = FXCollections.observableArrayList();
    private final TaskDetailModel detail;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Instant> lastRefreshed = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty refreshPaused = new SimpleBooleanProperty();

    private final FailedListModel failedList;
    private final ScheduledService<TasksPoll.Polled> poller;
    private boolean showing;
    private boolean unloaded;

    public TasksViewModel(Executor executor) {
        this.executor = executor;
        this.detail = new TaskDetailModel(executor, allStuck);
        this.failedList = new FailedListModel(executor, () -> session, filters.queues, filters.queue, filters::failedFilter,
                filters.grouped::get, problem::set);
        poller = TasksPoll.every(REFRESH, executor, () -> session, this::apply,
                error -> problem.set(Errors.describe(error)));
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
        return failedList.groupBinding(group);
    }

    @Override
    public void show(MonitorSession newSession) {
        poller.cancel();
        session = newSession;
        filters.queues.clear();
        allStuck.clear();
        stuck.clear();
        failedList.clear();
        workers.clear();
        detail.clear();
        problem.set("");
        lastRefreshed.set(null);
        filters.queue.set(null);
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
        TasksPoll.once(executor, session, this::apply, error -> problem.set(Errors.describe(error)));
    }

    /** The detected queue of a profile at a place, or null. */
    Binding binding(String profileId, String where) {
        return filters.binding(profileId, where);
    }

    Executor executor() {
        return executor;
    }

    TaskFilter currentFilter() {
        return filters.failedFilter();
    }

    void report(String text) {
        problem.set(text);
    }

    /**
     * Narrows every list to one queue (a click on a card's number); before the queues are known, once they are.
     * Null profile shows every queue.
     */
    public void showQueue(String profileId, String where) {
        filters.showQueue(profileId, where);
    }

    void apply(TasksPoll.Polled polled) {
        problem.set("");
        filters.adoptQueues(polled.queues());
        allStuck.setAll(polled.stuck().stream()
                .sorted(Comparator.comparing(StuckItem::age, Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                .toList());
        applyStuckFilter();
        workers.setAll(polled.workers().stream().filter(w -> filters.inQueue(w.profileId(), w.where())).toList());
        lastRefreshed.set(polled.at());
    }

    private void applyStuckFilter() {
        stuck.setAll(allStuck.stream().filter(filters::matches).toList());
    }

    /** Filters changed: the failed list starts again from its first page. */
    public void reloadFailed() {
        failedList.reload();
    }

    /** The next keyset page of every queue that has more. */
    public void loadMoreFailed() {
        failedList.loadMore();
    }

    /** Opens a pipeline's timeline; set by the shell, so this screen needs no knowledge of the timeline screen. */
    public void setPipelineOpener(BiConsumer<String, String> opener) {
        detail.setPipelineOpener(opener);
    }

    /** Loads one task's detail; a later selection wins over an earlier one still loading. */
    public void select(String profileId, String where, String taskId) {
        detail.select(session, binding(profileId, where), profileId, where, taskId);
    }

    /** Writes an export off the FX thread; the outcome shows where the problems show. */
    public void export(java.nio.file.Path file, String csv) {
        CsvFile.write(executor, file, csv, () -> detail.note().set("Exported to " + file),
                error -> problem.set("Export failed: " + Errors.describe(error)));
    }

    /** The selected task, for its detail pane. */
    TaskDetailModel detailModel() {
        return detail;
    }

    /** A group stands for its newest failure. */
    public void selectGroup(ErrorGroup group) {
        Binding binding = failedList.groupBinding(group);
        if (binding != null && !group.ids().isEmpty()) {
            select(binding.profile().id(), binding.where(), group.ids().getFirst());
        }
    }

    /** A non-task object (a lock, a master row): nothing more to read than its evidence. */
    public void selectObject(StuckItem item) {
        detail.showObject(item);
    }

    // Properties

    /** What the lists are narrowed to. */
    TaskFilters filters() {
        return filters;
    }

    public ObservableList<StuckItem> stuck() {
        return stuck;
    }

    public ObservableList<FailedTask> failed() {
        return failedList.failed();
    }

    public ObservableList<ErrorGroup> groups() {
        return failedList.groups();
    }

    public ObservableList<WorkerSummary> workers() {
        return workers;
    }

    public ReadOnlyStringWrapper problemProperty() {
        return problem;
    }

    public ReadOnlyStringWrapper failedNoteProperty() {
        return failedList.note();
    }

    public ReadOnlyObjectWrapper<Instant> lastRefreshedProperty() {
        return lastRefreshed;
    }

    public ReadOnlyBooleanWrapper moreFailedProperty() {
        return failedList.more();
    }

    /** True while the periodic refresh of stuck and workers is paused by the operator. */
    public BooleanProperty refreshPausedProperty() {
        return refreshPaused;
    }

    public ReadOnlyBooleanWrapper loadingFailedProperty() {
        return failedList.loading();
    }
}
