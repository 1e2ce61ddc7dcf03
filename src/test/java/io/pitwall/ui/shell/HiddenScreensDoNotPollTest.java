package io.pitwall.ui.shell;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.SkeletonFixture;
import io.pitwall.testing.TestDatabase;
import io.pitwall.testing.TestSessions;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.tasks.TasksViewModel;
import io.pitwall.ui.timeline.TimelineViewModel;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell hands every screen the session, visible or not; only the visible one may read. A hidden Stuck &amp;
 * failed screen polls nothing, and a hidden Timeline neither lists pipelines nor re-reads one on a timer.
 */
@ExtendWith(ApplicationExtension.class)
class HiddenScreensDoNotPollTest {

    private static TestDatabase db;
    private static MonitorSession session;

    @BeforeAll
    static void database() {
        db = SkeletonFixture.create();
        session = TestSessions.builtIn(db.url());
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @Test
    void aHiddenTasksScreenReadsNothingUntilItShows(FxRobot robot) throws Exception {
        TasksViewModel tasks = new TasksViewModel(FxExecutors.background("test-io"));
        robot.interact(() -> tasks.show(session));
        Thread.sleep(1500);
        AtomicBoolean polling = new AtomicBoolean(true);
        robot.interact(() -> polling.set(tasks.polling()));
        assertFalse(polling.get(), "hidden: no stuck or workers poll");
        assertTrue(tasks.stuck().isEmpty(), "hidden: nothing read");

        robot.interact(tasks::start);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !tasks.stuck().isEmpty());
        robot.interact(() -> polling.set(tasks.polling()));
        assertTrue(polling.get(), "visible: it polls");

        robot.interact(tasks::stop);
        robot.interact(() -> polling.set(tasks.polling()));
        assertFalse(polling.get(), "hidden again: the poll stops");
    }

    @Test
    void aHiddenTimelineNeitherListsNorReReadsPipelines(FxRobot robot) throws Exception {
        TimelineViewModel timeline = new TimelineViewModel(FxExecutors.background("test-io"));
        robot.interact(() -> timeline.show(session));
        Thread.sleep(1500);
        AtomicBoolean polling = new AtomicBoolean(true);
        robot.interact(() -> polling.set(timeline.polling()));
        assertFalse(polling.get());
        assertTrue(timeline.pipelines().isEmpty(), "hidden: the recent-pipelines query did not run");

        robot.interact(timeline::start);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !timeline.pipelines().isEmpty());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            AtomicBoolean p = new AtomicBoolean();
            robot.interact(() -> p.set(timeline.polling()));
            return p.get();
        });
        robot.interact(timeline::stop);
        robot.interact(() -> polling.set(timeline.polling()));
        assertFalse(polling.get(), "hidden: the open pipeline is not re-read");
    }
}
