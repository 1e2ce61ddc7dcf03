package io.pitwall.ui.tasks;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.Binding;
import io.pitwall.queue.StuckItem;
import io.pitwall.queue.TaskDetail;
import io.pitwall.ui.common.Errors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * The selected task: its detail, read on the executor (a later selection wins over an earlier one still loading),
 * and its stuck verdict, the stuck rules that hit it now, so a task whose state reads RUNNING says first that it is
 * stuck, and why.
 */
final class TaskDetailModel {

    private final Executor executor;
    private final ObservableList<StuckItem> allStuck;
    private final ReadOnlyObjectWrapper<TaskDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<StuckItem>> verdict = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("Select a task to see everything known about it.");
    private BiConsumer<String, String> pipelineOpener;
    private String key;
    private long generation;

    TaskDetailModel(Executor executor, ObservableList<StuckItem> allStuck) {
        this.executor = executor;
        this.allStuck = allStuck;
        // The verdict follows the stuck poll: a task that stops being stuck loses it, one that becomes stuck gains it.
        allStuck.addListener((ListChangeListener<StuckItem>) c -> judge(detail.get()));
        detail.addListener((obs, old, now) -> judge(now));
    }

    private void judge(TaskDetail task) {
        List<StuckItem> hits = task == null ? List.of() : allStuck.stream()
                .filter(i -> "task".equals(i.object()) && i.profileId().equals(task.profileId())
                        && i.where().equals(task.where()) && i.id().equals(task.id()))
                .toList();
        if (!hits.equals(verdict.get())) {
            verdict.set(hits);
        }
    }

    void clear() {
        ++generation;
        key = null;
        detail.set(null);
    }

    /** Reads one task of a detected queue; with no such queue (or no session) the detail empties. */
    void select(MonitorSession session, Binding binding, String profileId, String where, String taskId) {
        long asked = ++generation;
        if (binding == null || session == null) {
            detail.set(null);
            return;
        }
        key = profileId + "\u0000" + where + "\u0000" + taskId;
        note.set("Reading task " + taskId + "…");
        Task<TaskDetail> task = new Task<>() {
            @Override
            protected TaskDetail call() throws Exception {
                return session.task(binding, taskId).orElse(null);
            }
        };
        task.setOnSucceeded(e -> {
            if (asked == generation) {
                detail.set(task.getValue());
                note.set(task.getValue() == null ? "Task " + taskId + " is no longer there." : "");
            }
        });
        task.setOnFailed(e -> {
            if (asked == generation) {
                note.set("Could not read task " + taskId + ": " + Errors.describe(task.getException()));
            }
        });
        executor.execute(task);
    }

    /** The selected task as profile, place and id, or null: to read it again after an action. */
    String[] selectedKey() {
        return key == null ? null : key.split("\u0000", 3);
    }

    /** A non-task object (a lock, a master row): nothing more to read than its evidence. */
    void showObject(StuckItem item) {
        clear();
        note.set(item.object() + " " + item.id() + ": " + item.evidence());
    }

    void setPipelineOpener(BiConsumer<String, String> opener) {
        this.pipelineOpener = opener;
    }

    boolean canOpenPipeline(TaskDetail task) {
        return pipelineOpener != null && task != null && task.pipelineKey() != null;
    }

    void openPipeline(TaskDetail task) {
        if (canOpenPipeline(task)) {
            pipelineOpener.accept(task.profileId(), task.pipelineKey());
        }
    }

    ReadOnlyObjectWrapper<TaskDetail> detail() {
        return detail;
    }

    /** The stuck rules that hit the selected task now, with their evidence; empty when it is not stuck. */
    ReadOnlyObjectProperty<List<StuckItem>> verdict() {
        return verdict.getReadOnlyProperty();
    }

    ReadOnlyStringWrapper note() {
        return note;
    }
}
