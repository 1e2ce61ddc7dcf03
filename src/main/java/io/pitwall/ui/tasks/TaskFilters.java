package io.pitwall.ui.tasks;

import io.pitwall.profile.Binding;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.StuckItem;
import io.pitwall.queue.TaskFilter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * What the operator narrows the Stuck & failed screen to: the queue (null = all), kind, error text, age window, and
 * which finished state the second tab lists, grouped or not; and the queues there are to choose from.
 */
final class TaskFilters {

    final ObjectProperty<Binding> queue = new SimpleObjectProperty<>();
    final StringProperty kind = new SimpleStringProperty("");
    final StringProperty text = new SimpleStringProperty("");
    final ObjectProperty<AgeWindow> age = new SimpleObjectProperty<>(AgeWindow.ANY);
    final BooleanProperty grouped = new SimpleBooleanProperty();
    final ObjectProperty<CanonicalState> finishedState = new SimpleObjectProperty<>(CanonicalState.FAILED);
    final ObservableList<Binding> queues = FXCollections.observableArrayList();
    /** A queue asked for before the queues were read ("profile|where"), chosen once they are. */
    private String pendingQueue;

    /** Calls {@code stuckChanged} when the stuck list's filters change, {@code failedChanged} when the failed list's do. */
    TaskFilters(Runnable stuckChanged, Runnable failedChanged) {
        queue.addListener((obs, old, now) -> {
            stuckChanged.run();
            failedChanged.run();
        });
        kind.addListener((obs, old, now) -> stuckChanged.run());
        text.addListener((obs, old, now) -> stuckChanged.run());
        grouped.addListener((obs, old, now) -> failedChanged.run());
        age.addListener((obs, old, now) -> failedChanged.run());
        finishedState.addListener((obs, old, now) -> failedChanged.run());
    }

    /** The detected queue of a profile at a place, or null. */
    Binding binding(String profileId, String where) {
        return queues.stream().filter(b -> b.profile().id().equals(profileId) && b.where().equals(where))
                .findFirst().orElse(null);
    }

    /** Narrows to one queue; before the queues are known, once they are. Null profile shows every queue. */
    void showQueue(String profileId, String where) {
        pendingQueue = profileId == null ? null : profileId + "|" + where;
        Binding binding = profileId == null ? null : binding(profileId, where);
        if (profileId == null || binding != null) {
            pendingQueue = null;
            queue.set(binding);
        }
    }

    /** The queues just read: a chosen queue that is gone is let go, one asked for before is chosen now. */
    void adoptQueues(List<Binding> read) {
        if (!queues.equals(read)) {
            Binding selected = queue.get();
            queues.setAll(read);
            if (selected != null && !queues.contains(selected)) {
                queue.set(null);
            }
        }
        if (pendingQueue != null) {
            String[] key = pendingQueue.split("\\|", 2);
            showQueue(key[0], key[1]);
        }
    }

    /** True when the item is in the chosen queue (or every queue is shown). */
    boolean inQueue(String profileId, String where) {
        Binding selected = queue.get();
        return selected == null || (profileId.equals(selected.profile().id()) && where.equals(selected.where()));
    }

    /** The stuck list's filters: queue, kind, and text in the evidence, id or holder. */
    boolean matches(StuckItem item) {
        String kindText = kind.get() == null ? "" : kind.get().strip();
        String needle = text.get() == null ? "" : text.get().strip().toLowerCase();
        return inQueue(item.profileId(), item.where())
                && (kindText.isEmpty() || kindText.equals(item.kind()))
                && (needle.isEmpty() || (item.evidence() + " " + item.id() + " " + item.owner()).toLowerCase().contains(needle));
    }

    /** The failed list's filter. */
    TaskFilter failedFilter() {
        return new TaskFilter(kind.get(), text.get(), age.get().olderThan(), age.get().newerThan(), finishedState.get());
    }
}
