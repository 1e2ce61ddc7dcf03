package io.pitwall.ui.tasks;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.demo.DemoDatabase;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.StuckItem;
import io.pitwall.testing.TestSessions;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stuck list at 1366×768 (the screen less the navigation and top bar): no kind, id, queue or button ends in
 * "…". The demo's kinds are the long ones of the real systems (ActionMailer::MailDeliveryJob, MyApp.Workers…),
 * its ids uuids.
 */
@ExtendWith(ApplicationExtension.class)
class NoEllipsisAt1366Test {

    private static DemoDatabase demo;
    private static MonitorSession session;

    @BeforeAll
    static void database() throws Exception {
        demo = DemoDatabase.start(0, 11);
        session = TestSessions.builtIn(demo.url());
    }

    @AfterAll
    static void close() {
        session.close();
        demo.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        TasksViewModel viewModel = new TasksViewModel(io.pitwall.ui.common.FxExecutors.background("test-io"));
        Scene scene = new Scene(new TasksView(viewModel), 1366 - 180, 768 - 56);
        scene.getStylesheets().add(Objects.requireNonNull(
                TasksView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.show(session);
    }

    /** Labeled controls under {@code root} whose shown text was cut to fit: the shown text differs from the text. */
    static List<String> cut(Node root) {
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Node node, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            Node shown = labeled.lookup(".text");
            if (shown instanceof Text text && !text.getText().equals(labeled.getText())
                    && (text.getText().endsWith("...") || text.getText().endsWith("…"))) {
                cut.add(labeled.getText() + " shown as " + text.getText());
            }
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, cut));
        }
    }

    @Test
    void stuckKindsIdsQueuesAndHeaderButtonsAreReadInFull(FxRobot robot) throws Exception {
        TableView<StuckItem> table = robot.lookup("#stuck-table").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() > 10);
        // The demo's oldest trouble, listed first, includes dsa110's uuid ids and Graphile's and Oban's long kinds.
        WaitForAsyncUtils.waitForFxEvents();
        List<String> cut = new ArrayList<>();
        robot.interact(() -> cut.addAll(cut(robot.lookup("#stuck-table").query())));
        assertEquals(List.of(), cut, "nothing in the stuck list is cut to '…'");
        List<String> header = new ArrayList<>();
        robot.interact(() -> header.addAll(cut(robot.lookup("#tasks-export").query().getParent())));
        assertEquals(List.of(), header, "the header's buttons keep their words");
        String seen = robot.lookup("#stuck-table").lookup(".wrapping-cell-text").queryAll().stream()
                .map(n -> ((Text) n).getText()).reduce("", (x, y) -> x + "|" + y);
        assertTrue(table.getItems().stream().limit(6).filter(i -> i.id().length() >= 36)
                .anyMatch(i -> seen.contains("|" + i.id())), "a full uuid is on screen: " + seen);
    }
}
