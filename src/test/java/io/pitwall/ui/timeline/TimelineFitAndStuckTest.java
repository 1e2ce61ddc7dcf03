package io.pitwall.ui.timeline;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.PipelineFixtures;
import io.pitwall.queue.Span;
import io.pitwall.testing.FxClicks;
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

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cloud.gov's service instance as the issue found it: one deprovision from the day before and today's work. The
 * chart fits today's work, marks the old task at its row's edge, and draws the operation its stuck rule holds as
 * stuck, with a legend that says so.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineFitAndStuckTest {

    private static TestDatabase db;
    private static MonitorSession session;
    private final ExecutorService executor = FxExecutors.background("test-io");
    private TimelineViewModel viewModel;
    private TimelineView view;

    @BeforeAll
    static void fixture() throws Exception {
        db = TestDatabase.fresh();
        PipelineFixtures.schema(db, "cloudgov-broker");
        // Times relative to now(): op 11 ended 21 h ago; op 12 took 5 min; op 13 is 'in progress' and has not
        // been updated for 30 min, past cloud.gov's 15 min 'stalled' rule.
        db.execute("""
                INSERT INTO service_instance (id, instance_type) VALUES ('si-9', 'cdn_service_instance');
                INSERT INTO operation (id, service_instance_id, state, action, created_at, updated_at) VALUES
                  (11, 'si-9', 'succeeded',   'Deprovision', now() - interval '21 h 1 min', now() - interval '21 h'),
                  (12, 'si-9', 'succeeded',   'Provision',   now() - interval '50 min',     now() - interval '45 min'),
                  (13, 'si-9', 'in progress', 'Renew',       now() - interval '40 min',     now() - interval '30 min');
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
        viewModel = new TimelineViewModel(executor);
        view = new TimelineView(viewModel);
        Scene scene = new Scene(view, 1366, 720);
        scene.getStylesheets().add(Objects.requireNonNull(
                io.pitwall.ui.PitwallApp.class.getResource("pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static List<Span> spansOf(FxRobot robot, String query) {
        return robot.lookup(query).queryAll().stream().map(Node::getUserData).filter(Span.class::isInstance)
                .map(Span.class::cast).toList();
    }

    @Test
    void fitsTheBulkMarksTheOutlierAndDrawsTheStalledOperationAsStuck(FxRobot robot) throws Exception {
        robot.interact(() -> {
            viewModel.show(session);
            viewModel.open("cloudgov-broker", "si-9");
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.pipelineProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        // Fitted to the bulk: only today's two operations are drawn; yesterday's is a mark at its row's edge.
        assertEquals(List.of("12", "13"), spansOf(robot, ".gantt-bar").stream().map(Span::id).sorted().toList());
        List<Node> marks = List.copyOf(robot.lookup(".gantt-outlier").lookup((Label l) -> l.getUserData() != null)
                .queryAll());
        assertEquals(1, marks.size());
        assertEquals("11", ((Span) marks.getFirst().getUserData()).id());
        String markText = ((Label) marks.getFirst()).getText();
        assertTrue(markText.startsWith("◀ succeeded, 20 h") && markText.endsWith("earlier"), markText);
        Label note = robot.lookup("#timeline-focus").queryAs(Label.class);
        assertTrue(note.isVisible() && note.getText().contains("1 task earlier"), note.getText());

        // The stalled renew is hatched as stuck, its row says STUCK, and the summary counts it.
        assertEquals(List.of("13"), spansOf(robot, ".gantt-stuck").stream().map(Span::id).toList());
        assertEquals(1, robot.lookup(".gantt-stuck-chip").queryAll().size());
        assertTrue(robot.lookup("#timeline-summary").queryAs(Label.class).getText().contains("1 stuck"));
        Node stuckBar = robot.lookup(".gantt-bar").queryAll().stream()
                .filter(n -> "13".equals(((Span) n.getUserData()).id())).findFirst().orElseThrow();
        FxClicks.moveTo(robot, stuckBar);
        WaitForAsyncUtils.waitForFxEvents();
        String hover = robot.lookup(".gantt-hover-stuck").queryAll().stream()
                .map(n -> ((Label) n).getText()).reduce("", String::concat);
        assertTrue(hover.contains("stalled") && hover.contains("scanner re-enqueues after 15 min"), hover);

        assertTrue(robot.lookup("#timeline-legend").lookup((Label l) -> l.getText().startsWith("stuck")).tryQuery()
                .isPresent(), "the legend explains the hatching");

        // A click on the mark shows the whole pipeline, outlier to scale, and still follows it.
        FxClicks.click(robot, marks.getFirst());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("11", "12", "13"), spansOf(robot, ".gantt-bar").stream().map(Span::id).sorted().toList());
        assertTrue(robot.lookup(".gantt-outlier").lookup((Label l) -> l.getUserData() != null).queryAll().isEmpty());
        assertFalse(robot.lookup("#timeline-focus").queryAs(Label.class).isVisible());
        assertTrue(view.chart().following());

        FxClicks.click(robot, "#timeline-fit");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, robot.lookup(".gantt-bar").queryAll().size(), "Fit returns to the bulk");
    }
}
