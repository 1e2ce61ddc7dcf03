package io.pitwall.ui.tasks;

import io.pitwall.queue.ErrorGroup;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;

import java.util.List;

/** Failures grouped by error fingerprint: "137 × No space left on device" is one line, with its queue. */
final class ErrorGroupTable extends TableView<ErrorGroup> {

    ErrorGroupTable(TasksViewModel viewModel) {
        super(viewModel.groups());
        setId("groups-table");
        getStyleClass().add("tasks-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // The error and its queue wrap rather than truncate: at 1366 px both must still read in full. The full
        // sample is the detail pane's, which shows the group's newest failure when the group is selected.
        getColumns().setAll(List.of(
                Cells.text("Count", 64, g -> Long.toString(g.count()), "count-cell"),
                Cells.wrapping("Error (numbers, paths, ids, quoted values normalised)", 460, ErrorGroup::headline),
                // One message in two queues is two groups: the queue tells them apart.
                Cells.wrapping("Queue", 150, ErrorGroupTable::queue),
                Cells.text("Kinds", 150, g -> String.join(", ", g.kinds()), "mono"),
                Cells.age("First seen", ErrorGroup::firstSeen),
                Cells.age("Last seen", ErrorGroup::lastSeen)));
        Label empty = new Label("No failures to group.");
        getColumns().get(2).setId("group-queue-column");
        empty.getStyleClass().add("text-muted");
        setPlaceholder(empty);
        getSelectionModel().selectedItemProperty().addListener((obs, old, group) -> {
            if (group != null) {
                viewModel.selectGroup(group);
            }
        });
    }

    /** "absurd · imaging", "solid-queue · default, mailers": the profile and the queues the failures are in. */
    static String queue(ErrorGroup group) {
        return group.profileId() + " · " + String.join(", ", group.queues());
    }
}
