package io.pitwall.ui.tasks;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.Binding;
import io.pitwall.queue.FailedTask;
import io.pitwall.queue.StuckItem;
import io.pitwall.queue.TaskFilter;
import io.pitwall.queue.TaskPage;
import io.pitwall.ui.common.Errors;
import io.pitwall.ui.runbook.RowActions;
import javafx.concurrent.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The wider selections of the tasks screen: every task of a queue that matches the filters (read page by page,
 * off the FX thread), and every stuck task listed. Both then go through the action's preview like picked rows.
 */
final class TaskBulk {

    /** At most this many ids go into one "every task matching the filter" selection. */
    static final int MATCHING_LIMIT = 10_000;

    private final TasksViewModel viewModel;

    TaskBulk(TasksViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** "every failed task of shithub · shithub.jobs matching the filter (kind repo.push)" */
    RowActions.Wider matchingFilter() {
        return new RowActions.Wider() {
            @Override
            public String label(RowActions.Selection selected) {
                if (!"task".equals(selected.object()) || viewModel.binding(selected.profileId(), selected.where()) == null) {
                    return null;
                }
                return "every " + viewModel.filters().finishedState.get().name().toLowerCase() + " task of "
                        + selected.profileId() + " · " + selected.where() + " matching the filter" + filterWords();
            }

            @Override
            public void load(RowActions.Selection selected, Consumer<RowActions.Selection> then) {
                loadMatching(selected, then);
            }
        };
    }

    /** "every stuck task listed in shithub · shithub.jobs (4)" */
    RowActions.Wider stuckListed() {
        return new RowActions.Wider() {
            @Override
            public String label(RowActions.Selection selected) {
                List<StuckItem> listed = stuckIn(selected);
                return listed.size() <= selected.ids().size() ? null : "every stuck " + selected.object() + " listed in "
                        + selected.profileId() + " · " + selected.where() + " (" + listed.size() + ")";
            }

            @Override
            public void load(RowActions.Selection selected, Consumer<RowActions.Selection> then) {
                List<String> ids = stuckIn(selected).stream().map(StuckItem::id).distinct().toList();
                then.accept(new RowActions.Selection(selected.profileId(), selected.where(), ids,
                        ids.size() + " stuck " + selected.object() + "s", selected.object()));
            }
        };
    }

    private List<StuckItem> stuckIn(RowActions.Selection selected) {
        return viewModel.stuck().stream().filter(i -> i.profileId().equals(selected.profileId())
                && i.where().equals(selected.where()) && i.object().equals(selected.object())).toList();
    }

    private void loadMatching(RowActions.Selection selected, Consumer<RowActions.Selection> then) {
        Binding binding = viewModel.binding(selected.profileId(), selected.where());
        MonitorSession current = viewModel.session();
        if (binding == null || current == null) {
            return;
        }
        TaskFilter matching = viewModel.currentFilter();
        String state = matching.stateOrFailed().name().toLowerCase();
        Task<List<String>> task = new Task<>() {
            @Override
            protected List<String> call() throws Exception {
                List<String> ids = new ArrayList<>();
                TaskPage.Cursor after = null;
                do {
                    TaskPage<FailedTask> page = current.failed(binding, matching, after, 1_000);
                    page.rows().forEach(t -> ids.add(t.id()));
                    after = page.next();
                } while (after != null && ids.size() < MATCHING_LIMIT);
                return ids.size() > MATCHING_LIMIT ? List.copyOf(ids.subList(0, MATCHING_LIMIT)) : ids;
            }
        };
        task.setOnSucceeded(e -> {
            List<String> ids = task.getValue();
            then.accept(new RowActions.Selection(selected.profileId(), selected.where(), ids,
                    (ids.size() >= MATCHING_LIMIT ? "the first " : "all ") + ids.size() + " " + state
                            + " tasks matching the filter"));
        });
        task.setOnFailed(e -> viewModel.report("Could not read the matching tasks: " + Errors.describe(task.getException())));
        viewModel.executor().execute(task);
    }

    private String filterWords() {
        List<String> parts = new ArrayList<>();
        TaskFilter filter = viewModel.currentFilter();
        if (filter.kind() != null) {
            parts.add("kind " + filter.kind());
        }
        if (filter.text() != null) {
            parts.add("text \"" + filter.text() + "\"");
        }
        if (viewModel.filters().age.get() != AgeWindow.ANY) {
            parts.add(viewModel.filters().age.get().toString());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }
}
