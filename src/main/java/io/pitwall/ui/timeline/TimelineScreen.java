package io.pitwall.ui.timeline;

import io.pitwall.ui.shell.BaseScreen;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.util.concurrent.Executor;

/** Pipelines over time as a navigation entry. */
public final class TimelineScreen extends BaseScreen<TimelineViewModel> {

    public TimelineScreen(Executor executor) {
        this(executor, new TimelineViewModel(executor));
    }

    private TimelineScreen(Executor executor, TimelineViewModel viewModel) {
        super("Timeline", MaterialDesignC.CHART_GANTT, viewModel, new TimelineView(viewModel));
    }

    /** Where a task goes when the operator clicks one of its bars: the task drill-down. */
    public interface TaskOpener {
        void open(String profileId, String where, String taskId);
    }

    public void setTaskOpener(TaskOpener opener) {
        timelineView().setOnSpanClicked(span -> {
            var pipeline = viewModel().pipelineProperty().get();
            if (pipeline != null) {
                opener.open(pipeline.profileId(), span.where(), span.taskId());
            }
        });
    }

    /** Opens one pipeline, for a jump from a task elsewhere; the caller selects this screen. */
    public void open(String profileId, String key) {
        viewModel().open(profileId, key);
    }

    public TimelineView timelineView() {
        return (TimelineView) view();
    }
}
