package io.pitwall.ui.shell;

import atlantafx.base.theme.PrimerLight;
import io.pitwall.connect.SavedConnections;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At 1366x768 three thresholds crossed at once used to stack three banners (about 150 px) above the dashboard.
 * Now they are one line of one row's height: the worst on it, the others behind "+2 more".
 */
@ExtendWith(ApplicationExtension.class)
class OneNoticeLineTest {

    @TempDir
    static Path config;

    private ShellView view;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        ShellViewModel shell = new ShellViewModel(FxExecutors.background("test-io"),
                new SavedConnections(config.resolve("c.json")));
        view = new ShellView(shell, List.of(), () -> { });
        Scene scene = new Scene(view, 1366, 768);
        scene.getStylesheets().add(Objects.requireNonNull(ShellView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void threeThresholdsCrossedAreOneLineNamingTheWorstWithTheOthersBehindMore(FxRobot robot) {
        robot.interact(() -> view.notice("Action done", "Requeue 3 failed tasks of kind repo.push: 3 applied",
                "Open audit #7", () -> { }, false));
        double oneRow = barHeight(robot);
        assertTrue(oneRow > 20 && oneRow < 56, "one notice is one line: " + oneRow);

        // The messages the dashboard's alerts give (ScreenLinks): three queues over their thresholds.
        robot.interact(() -> {
            view.notice("shithub · shithub.jobs", "failures/min 14 (warning 5)", "Open failed list", () -> { }, true);
            view.notice("river · public.river_job", "oldest queued 41 min (critical 30 min)", "Open queued list", () -> { }, true);
            view.notice("oban · public.oban_jobs", "stuck 6 (critical 5)  ·  failures/min 9 (warning 5)  ·  "
                    + "oldest queued 12 min (warning 10 min), a long line that would wrap over two lines before", "Open stuck list", () -> { }, true);
        });
        assertEquals(oneRow, barHeight(robot), 1.0, "three more notices, still one row's height");
        List<HBox> shown = shownRows(robot);
        assertEquals(1, shown.size());
        assertEquals("oban · public.oban_jobs", title(shown.getFirst()), "the newest threshold crossed, before the action done");
        ToggleButton more = robot.lookup("#notices-more").queryAs(ToggleButton.class);
        assertTrue(shown.getFirst().getChildren().contains(more), "the way to the others is on the line itself");
        assertEquals("+3 more", more.getText());

        robot.interact(more::fire);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> titles = shownRows(robot).stream().map(OneNoticeLineTest::title).toList();
        assertEquals(List.of("oban · public.oban_jobs", "river · public.river_job", "shithub · shithub.jobs", "Action done"),
                titles, "every notice, worst first, the action done last");
        assertEquals("show fewer", more.getText());

        robot.interact(more::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, shownRows(robot).size());

        // Dismissing the worst brings the next one up, with one fewer behind it.
        robot.interact(() -> ((javafx.scene.control.Button) shownRows(robot).getFirst().lookup(".notice-close")).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("river · public.river_job", title(shownRows(robot).getFirst()));
        assertEquals("+2 more", more.getText());
    }

    private double barHeight(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<Double> height = new AtomicReference<>();
        robot.interact(() -> {
            view.applyCss();
            view.layout();
            height.set(view.notices().getHeight());
        });
        return height.get();
    }

    private List<HBox> shownRows(FxRobot robot) {
        AtomicReference<List<HBox>> rows = new AtomicReference<>();
        robot.interact(() -> rows.set(view.notices().getChildren().stream().filter(Node::isVisible)
                .map(HBox.class::cast).toList()));
        return rows.get();
    }

    private static String title(HBox row) {
        return ((Label) row.getChildren().get(1)).getText();
    }
}
