package io.pitwall.ui.dashboard;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.PipelineFixtures;
import io.pitwall.testing.TestDatabase;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's live charts on a real database: sampled backlog, throughput per minute, oldest queued task. */
@ExtendWith(ApplicationExtension.class)
class DashboardTrendsTest {

    private static MonitorSession session;
    private DashboardViewModel viewModel;

    @BeforeAll
    static void database() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        PipelineFixtures.schema(db, "dsa110-absurd");
        db.execute("""
                INSERT INTO absurd.t_tasks (queue_name, task_name, status, created_at, completed_at) VALUES
                  ('dsa110-pipeline', 'imaging', 'completed', now() - interval '20 min', now() - interval '10 min'),
                  ('dsa110-pipeline', 'imaging', 'completed', now() - interval '20 min', now() - interval '10 min'),
                  ('dsa110-pipeline', 'imaging', 'failed',    now() - interval '20 min', now() - interval '4 min'),
                  ('dsa110-pipeline', 'mosaic',  'pending',   now() - interval '42 min', NULL),
                  ('dsa110-pipeline', 'mosaic',  'pending',   now() - interval '1 min', NULL),
                  ('dsa110-pipeline', 'mosaic',  'claimed',   now() - interval '2 min', NULL);
                """);
        session = PipelineFixtures.session(db);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        viewModel = new DashboardViewModel(FxExecutors.background("test-io"));
        Scene scene = new Scene(new DashboardView(viewModel), 1200, 760);
        scene.getStylesheets().add(Objects.requireNonNull(
                DashboardView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.show(session);
    }

    @SuppressWarnings("unchecked")
    @Test
    void chartsShowTheBacklogThroughputAndOldestQueuedTask(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup(".queue-card").queryAll().isEmpty()
                && robot.lookup(".queue-card").queryAll().size() == 1);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> viewModel.cardList().getFirst().trendProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        Label oldest = robot.lookup(".queue-card .oldest-queued").query();
        assertEquals("oldest 42 min", oldest.getText(), "the pending task created 42 minutes ago, not the newer one");

        LineChart<Number, Number> backlog = robot.lookup(".backlog-chart").query();
        assertEquals(3, backlog.getData().size(), "queued, running, failed");
        XYChart.Data<Number, Number> queued = backlog.getData().get(0).getData().getLast();
        assertEquals(2L, queued.getYValue().longValue(), "the sample holds the queued count");
        assertEquals(1L, backlog.getData().get(2).getData().getLast().getYValue().longValue(), "failed");

        LineChart<Number, Number> throughput = robot.lookup(".throughput-chart").query();
        long finished = throughput.getData().get(0).getData().stream().mapToLong(d -> d.getYValue().longValue()).sum();
        long failed = throughput.getData().get(1).getData().stream().mapToLong(d -> d.getYValue().longValue()).sum();
        assertEquals(2, finished);
        assertEquals(1, failed);
        assertTrue(throughput.getData().get(0).getData().size() >= 60, "one point per minute of the hour, zeros too");
        double upper = ((javafx.scene.chart.NumberAxis) throughput.getXAxis()).getUpperBound();
        assertTrue(throughput.getData().get(0).getData().getLast().getXValue().doubleValue() <= upper - (upper % 60) - 60,
                "the solid line ends at the last finished minute, not in the minute under way");
        assertEquals(4, throughput.getData().size(), "finished and failed, and the minute under way of each, dashed");
        assertFalse(backlog.getAnimated() || throughput.getAnimated() || backlog.getCreateSymbols(),
                "no animation and no symbols: a refresh must not make a wall screen flicker");

        // The headline number stays the biggest text on the card.
        Label headline = robot.lookup(".count-value").query();
        assertTrue(headline.getFont().getSize() > oldest.getFont().getSize() * 2);
    }
}
