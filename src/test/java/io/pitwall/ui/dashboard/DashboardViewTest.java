package io.pitwall.ui.dashboard;

import io.pitwall.testing.TestSessions;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.SkeletonFixture;
import io.pitwall.testing.TestDatabase;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard, headless, on a real PostgreSQL: it shows the counts, and a banner while the database is away. */
@ExtendWith(ApplicationExtension.class)
class DashboardViewTest {

    private static TestDatabase db;
    private static MonitorSession session;

    @BeforeAll
    static void database() throws Exception {
        db = SkeletonFixture.create();
        session = TestSessions.builtIn(db.url());
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        DashboardViewModel viewModel = new DashboardViewModel(FxExecutors.background("test-io"));
        Scene scene = new Scene(new DashboardView(viewModel), 1400, 900);
        scene.getStylesheets().add(Objects.requireNonNull(
                DashboardView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.show(session);
    }

    @Test
    void showsOneCardPerQueueWithItsCounts(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#count-shithub-shithub_jobs-QUEUED").tryQuery().isPresent());
        assertEquals("3", label(robot, "#count-shithub-shithub_jobs-QUEUED"));
        assertEquals("2", label(robot, "#count-shithub-shithub_jobs-RUNNING"));
        assertEquals("1", label(robot, "#count-shithub-shithub_jobs-FAILED"));
        assertEquals("2", label(robot, "#count-dsa110-absurd-absurd_t_tasks-QUEUED"));
        assertEquals(3, robot.lookup(".queue-card").queryAll().size());
        assertTrue(label(robot, "#last-refreshed").startsWith("refreshed "));

        db.execute("INSERT INTO shithub.jobs (kind, state) VALUES ('repo.push', 'queued'), ('repo.push', 'queued')");
        waitFor(() -> label(robot, "#count-shithub-shithub_jobs-QUEUED").equals("5"));
    }

    @Test
    void stuckIsAHeadlineNumberPerQueue(FxRobot robot) throws Exception {
        // The fixture's w2:43 has held a lease for 9 minutes; shithub's lease timeout is 5.
        waitFor(() -> robot.lookup("#stuck-shithub-shithub_jobs").tryQuery().isPresent()
                && label(robot, "#stuck-shithub-shithub_jobs").equals("1"));
        waitFor(() -> label(robot, "#stuck-cloudgov-broker-public_operation").equals("0"));
        waitFor(() -> label(robot, "#dashboard-summary").startsWith("1 stuck"));
    }

    @Test
    void bannerShowsWhileTheDatabaseIsAwayAndClearsWhenItIsBack(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#count-shithub-shithub_jobs-QUEUED").tryQuery().isPresent());
        Node banner = robot.lookup("#unreachable-banner").query();
        assertTrue(!banner.isVisible());
        setConnectionsAllowed(false);
        try {
            waitFor(banner::isVisible);
            assertTrue(robot.lookup(".queue-card").queryAll().size() == 3, "the last counts stay on screen");
        } finally {
            setConnectionsAllowed(true);
        }
        waitFor(() -> !banner.isVisible());
    }

    /**
     * Every monitor connection busy (three slow reads holding them for 8 s): the refresh waits out the pool and the
     * banner says the database is slow, in amber, not unreachable; the cards keep their counts at full strength.
     */
    @Test
    void aPoolThatStaysBusyIsSlowNotUnreachable(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#count-shithub-shithub_jobs-QUEUED").tryQuery().isPresent());
        atlantafx.base.controls.Message banner = robot.lookup("#unreachable-banner").queryAs(atlantafx.base.controls.Message.class);
        var busy = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < 3; i++) {
                busy.submit(() -> {
                    try (var connection = session.pools().monitor().getConnection();
                         var statement = connection.createStatement()) {
                        statement.execute("SELECT pg_sleep(8)");
                    }
                    return null;
                });
            }
            waitFor(banner::isVisible);
            assertEquals("Database slow", banner.getTitle());
            assertTrue(banner.getDescription().startsWith("slow: all 3 monitor connections stayed busy for 3 s"),
                    banner.getDescription());
            assertTrue(banner.getStyleClass().contains(atlantafx.base.theme.Styles.WARNING), "amber, not red");
            Node cards = robot.lookup(".queue-card").query().getParent();
            assertEquals(1.0, cards.getOpacity(), "a slow database's last counts are not greyed out");
        } finally {
            busy.shutdown();
        }
        waitFor(() -> !banner.isVisible());
    }

    private static void setConnectionsAllowed(boolean allowed) throws Exception {
        try (var admin = TestDatabase.server().getPostgresDatabase().getConnection();
             var statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + db.name() + "' AND pid <> pg_backend_pid()");
            }
        }
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        // Checked on the FX thread: the lists and nodes change there while the screen polls.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
