package io.pitwall.ui.timeline;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.ui.shell.Screen;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.util.concurrent.Executor;

/** Pipelines over time as a navigation entry. */
public final class TimelineScreen implements Screen {

    private final TimelineViewModel viewModel;
    private final TimelineView view;

    public TimelineScreen(Executor executor) {
        viewModel = new TimelineViewModel(executor);
        view = new TimelineView(viewModel);
    }

    @Override
    public String title() {
        return "Timeline";
    }

    @Override
    public Ikon icon() {
        return MaterialDesignC.CHART_GANTT;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void show(MonitorSession session) {
        viewModel.show(session);
    }

    /** Where a task goes when the operator clicks one of its bars: the task drill-down. */
    public interface TaskOpener {
        void open(String profileId, String where, String taskId);
    }

    public void setTaskOpener(TaskOpener opener) {
        view.setOnSpanClicked(span -> {
            var pipeline = viewModel.pipelineProperty().get();
            if (pipeline != null) {
                opener.open(pipeline.profileId(), span.where(), span.taskId());
            }
        });
    }

    /** Opens one pipeline, for a jump from a task elsewhere; the caller selects this screen. */
    public void open(String profileId, String key) {
        viewModel.open(profileId, key);
    }

    public TimelineViewModel viewModel() {
        return viewModel;
    }

    public TimelineView timelineView() {
        return view;
    }
}
