package io.pitwall.ui.timeline;

import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestSessions;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.demo.DemoDatabase;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.PipelineSummary;
import io.pitwall.queue.Span;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class TimelineViewTest {

    private static DemoDatabase demo;
    private static MonitorSession session;
    private final ExecutorService executor = FxExecutors.background("test-io");
    private TimelineViewModel viewModel;
    private TimelineView view;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoDatabase.start(0, 42);
        session = TestSessions.builtIn(demo.url());
    }

    @AfterAll
    static void stopDemo() {
        session.close();
        demo.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        viewModel = new TimelineViewModel(executor);
        view = new TimelineView(viewModel);
        Scene scene = new Scene(view, 1200, 720);
        scene.getStylesheets().add(Objects.requireNonNull(
                io.pitwall.ui.PitwallApp.class.getResource("pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void opensADemoPipelineFromThePickerAndDrawsItsSpans(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.show(session));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.profiles().size() >= 3);
        assertTrue(viewModel.profiles().containsAll(List.of("cloudgov-broker", "dsa110-absurd", "shithub")),
                viewModel.profiles().toString());

        robot.interact(() -> viewModel.profileProperty().set("dsa110-absurd"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#timeline-pipelines")
                .queryAs(ListView.class).getItems().size() > 3);
        // The demo's groups are timestamps such as 2025-11-19T03:05:00; search narrows the list to one.
        String key = ((PipelineSummary) robot.lookup("#timeline-pipelines").queryAs(ListView.class).getItems().get(2)).key();
        FxClicks.click(robot, "#timeline-search");
        robot.interact(() -> robot.lookup("#timeline-search").queryAs(javafx.scene.control.TextField.class).setText(key));
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#timeline-pipelines")
                    .queryAs(ListView.class).getItems().size() == 1);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("search '" + key + "' left " + viewModel.pipelines() + "; problem: "
                    + viewModel.problemProperty().get() + "; search: " + viewModel.searchProperty().get());
        }

        FxClicks.click(robot, () -> robot.lookup(".pipeline-key").lookup((Label l) -> key.equals(l.getText())).queryAs(Label.class));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> viewModel.pipelineProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(key, robot.lookup("#timeline-title").queryAs(Label.class).getText());
        List<Span> spans = viewModel.pipelineProperty().get().spans();
        assertFalse(spans.isEmpty());
        Set<Node> bars = robot.lookup(".gantt-bar").queryAll();
        assertEquals(spans.stream().filter(s -> s.start() != null && !s.instant()).count(), bars.size(),
                "one bar per span when the whole pipeline is fitted");
        assertTrue(robot.lookup("#timeline-summary").queryAs(Label.class).getText().contains("dsa110-absurd"));

        Node bar = bars.iterator().next();
        Span hovered = (Span) bar.getUserData();
        FxClicks.moveTo(robot, bar);
        WaitForAsyncUtils.waitForFxEvents();
        Node hover = robot.lookup(".gantt-hover").query();
        assertTrue(hover.isVisible(), "hovering a bar shows its details");
        assertTrue(robot.from(hover).lookup(".gantt-hover-title").queryAs(Label.class).getText().contains(hovered.kind()));

        AtomicReference<Span> clicked = new AtomicReference<>();
        robot.interact(() -> view.setOnSpanClicked(clicked::set));
        FxClicks.click(robot, bar);
        assertEquals(hovered, clicked.get(), "a click on a bar hands its span on");

        FxClicks.click(robot, "#timeline-zoom-in");
        assertFalse(view.chart().following(), "zooming stops fitting on refresh");
        FxClicks.click(robot, "#timeline-fit");
        assertTrue(view.chart().following());
    }
}
