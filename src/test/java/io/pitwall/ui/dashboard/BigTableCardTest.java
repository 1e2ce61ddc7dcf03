package io.pitwall.ui.dashboard;

import atlantafx.base.theme.PrimerLight;
import io.pitwall.monitor.ExactCountsTest;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.SkeletonFixture;
import io.pitwall.testing.TestDatabase;
import io.pitwall.testing.TestSessions;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
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

/**
 * A 300,000-row table whose state index is missing, on the dashboard: its non-terminal numbers are marked as
 * estimates, never shown as exact, and the card names the missing index with the statement to copy.
 */
@ExtendWith(ApplicationExtension.class)
class BigTableCardTest {

    private static final String QUEUED = "#count-shithub-shithub_jobs-QUEUED";
    private static TestDatabase db;
    private static MonitorSession session;

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabase.fresh();
        db.execute(SkeletonFixture.resource("/io/pitwall/demo/shithub.sql"));
        db.execute("DROP INDEX shithub.jobs_state_kind_idx");
        db.execute(ExactCountsTest.ROWS);
        session = TestSessions.builtIn(db.url());
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        DashboardViewModel viewModel = new DashboardViewModel(FxExecutors.background("test-io"));
        Scene scene = new Scene(new DashboardView(viewModel), 1366, 768);
        scene.getStylesheets().add(Objects.requireNonNull(
                DashboardView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.show(session);
    }

    @Test
    void estimatesAreMarkedAndTheMissingIndexIsShownWithItsStatement(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup(QUEUED).tryQuery().isPresent()
                && robot.lookup("#missing-index-shithub-shithub_jobs").tryQuery().map(n -> n.isVisible()).orElse(false));
        Label queued = robot.lookup(QUEUED).queryAs(Label.class);
        assertTrue(queued.getText().startsWith("≈"), "an estimate is marked: " + queued.getText());
        assertTrue(queued.getTooltip().getText().contains("estimated"), queued.getTooltip().getText());
        Label banner = robot.lookup("#missing-index-shithub-shithub_jobs").queryAs(Label.class);
        assertTrue(banner.getText().contains("Index missing"), banner.getText());
        Button copy = robot.lookup("#copy-index-shithub-shithub_jobs").queryAs(Button.class);
        assertTrue(copy.getTooltip().getText().startsWith("CREATE INDEX CONCURRENTLY"), copy.getTooltip().getText());
        assertTrue(copy.isVisible());
    }

    @Test
    void withTheIndexTheSameCardIsExact(FxRobot robot) throws Exception {
        TestDatabase indexed = TestDatabase.fresh();
        indexed.execute(SkeletonFixture.resource("/io/pitwall/demo/shithub.sql"));
        indexed.execute(ExactCountsTest.ROWS);
        try (MonitorSession exact = TestSessions.builtIn(indexed.url())) {
            var status = exact.status("shithub").queues().getFirst();
            assertEquals(310, status.counts().get(io.pitwall.queue.CanonicalState.QUEUED));
            assertTrue(status.missingIndexes().isEmpty());
            QueueCardModel card = new QueueCardModel(status);
            assertTrue(card.accuracyOf(io.pitwall.queue.CanonicalState.QUEUED).exact());
            assertEquals("exact, counted now from an index",
                    CountLabels.describe(card.accuracyOf(io.pitwall.queue.CanonicalState.QUEUED)));
        }
    }
}
