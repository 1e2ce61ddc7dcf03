package io.pitwall.ui.tasks;

import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestSessions;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.FailedTask;
import io.pitwall.testing.TestDatabase;
import io.pitwall.ui.common.FxExecutors;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Load more" continues the failed list a bounded keyset page at a time, and stops at the end. */
@ExtendWith(ApplicationExtension.class)
class FailedLoadMoreTest {

    private static MonitorSession session;
    private TasksView view;

    @BeforeAll
    static void database() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        try (InputStream in = FailedLoadMoreTest.class.getResourceAsStream("/io/pitwall/demo/shithub.sql")) {
            db.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        db.execute("""
                INSERT INTO shithub.jobs (kind, state, last_error, updated_at)
                SELECT 'repo.push', 'failed', 'exit status ' || i, now() - make_interval(secs => i)
                  FROM generate_series(1, 450) i;
                """);
        session = TestSessions.builtIn(db.url());
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Start
    void start(Stage stage) {
        TasksViewModel viewModel = new TasksViewModel(FxExecutors.background("test-io"));
        view = new TasksView(viewModel);
        stage.setScene(new Scene(view, 1400, 800));
        stage.show();
        viewModel.show(session);
    }

    @Test
    void loadMoreAddsPagesUntilTheEnd(FxRobot robot) throws Exception {
        robot.interact(() -> view.selectTab("tab-failed"));
        TableView<FailedTask> table = robot.lookup("#failed-table").queryTableView();
        Button more = robot.lookup("#failed-more").queryButton();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == TasksViewModel.PAGE);
        assertTrue(more.isVisible());
        assertEquals("exit status 1", table.getItems().getFirst().error(), "newest first");

        FxClicks.click(robot, more);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 2 * TasksViewModel.PAGE);
        FxClicks.click(robot, more);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 450);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(450, table.getItems().stream().map(FailedTask::id).distinct().count(), "no row twice");
        assertTrue(!more.isVisible(), "nothing more to load");
        assertEquals("exit status 450", table.getItems().getLast().error());
    }
}
