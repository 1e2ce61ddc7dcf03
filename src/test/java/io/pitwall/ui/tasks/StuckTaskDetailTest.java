package io.pitwall.ui.tasks;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.SkeletonFixture;
import io.pitwall.queue.StuckItem;
import io.pitwall.testing.TestDatabase;
import io.pitwall.testing.TestSessions;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stuck task's detail leads with its verdict: which rule, the evidence in plain words, and its state is not a
 * healthy green; then its full error, every line of it, selectable and copyable.
 */
@ExtendWith(ApplicationExtension.class)
class StuckTaskDetailTest {

    /** A Go panic as shithub's worker records it: a first line and a goroutine trace far longer than 2.5 lines. */
    private static final String PANIC = "panic: runtime error: invalid memory address or nil pointer dereference\n"
            + "[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x8d4c2a]\n\n"
            + "goroutine 112 [running]:\n"
            + String.join("", java.util.Collections.nCopies(8,
                    "github.com/shithub/shithub/internal/repos.(*Pusher).Push(0xc000a1e000, {0x1a2b3c0, 0xc0004d2000})\n"
                            + "\t/src/internal/repos/push.go:214 +0x2ea\n"))
            + "created by github.com/shithub/shithub/internal/jobs.(*Worker).run in goroutine 7 — the end of the error";

    private static TestDatabase db;
    private static MonitorSession session;
    private TasksViewModel viewModel;

    @BeforeAll
    static void database() throws Exception {
        db = SkeletonFixture.create();
        // The task that holds a lease past shithub's 5 min timeout also failed its previous attempt.
        db.execute("UPDATE shithub.jobs SET last_error = '" + PANIC.replace("'", "''") + "' WHERE leased_by = 'w2:43'");
        session = TestSessions.builtIn(db.url());
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        viewModel = new TasksViewModel(FxExecutors.background("test-io"));
        TasksView view = new TasksView(viewModel);
        Scene scene = new Scene(view, 1366, 768);
        scene.getStylesheets().add(Objects.requireNonNull(TasksView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.show(session);
        viewModel.start();
    }

    @Test
    void theVerdictComesFirstThenTheWholeError(FxRobot robot) throws Exception {
        TableView<StuckItem> table = robot.lookup("#stuck-table").queryTableView();
        waitFor(() -> table.getItems().stream().anyMatch(i -> i.profileId().equals("shithub")));
        StuckItem lease = table.getItems().stream().filter(i -> i.profileId().equals("shithub")).findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(lease));
        waitFor(() -> robot.lookup("#detail-stuck-verdict").tryQuery().isPresent());

        assertEquals("STUCK — lease-expired", ((Label) robot.lookup("#detail-stuck-title").query()).getText());
        VBox verdict = robot.lookup("#detail-stuck-verdict").query();
        String evidence = ((Label) verdict.getChildren().get(1)).getText();
        assertTrue(evidence.startsWith("lease-expired: lease held by w2:43 for "), evidence);
        assertTrue(evidence.endsWith("(timeout 5 min)"), "how long, against which limit: " + evidence);

        Label state = robot.lookup("#detail-state").query();
        assertEquals("RUNNING  (processing)  but stuck: see above", state.getText());
        assertFalse(state.getStyleClass().contains("state-running"), "not the healthy running green");
        assertTrue(state.getStyleClass().contains("detail-state-stuck"));

        // Order: heading, verdict, error, then the state and facts.
        List<String> order = robot.lookup("#task-detail").queryAs(javafx.scene.control.ScrollPane.class).getContent()
                instanceof VBox content ? content.getChildren().stream().map(StuckTaskDetailTest::idOf).toList() : List.of();
        assertTrue(order.indexOf("detail-stuck-verdict") < order.indexOf("detail-error-block"), order.toString());
        assertTrue(order.indexOf("detail-error-block") < order.indexOf("detail-state"), order.toString());

        TextArea error = robot.lookup("#detail-error").query();
        assertEquals(PANIC, error.getText(), "the whole error, to its last line");
        assertFalse(error.isEditable());
        assertTrue(error.getPrefRowCount() >= 20, "tall enough to read, not 2.5 lines: " + error.getPrefRowCount());
        assertTrue(error.getHeight() > 300, "laid out that tall too: " + error.getHeight());
        robot.interact(error::selectAll);
        assertEquals(PANIC, error.getSelectedText(), "selectable, so Ctrl+C copies it; the Copy button copies it whole");
        assertTrue(robot.lookup("#detail-error-copy").tryQuery().isPresent());
    }

    @Test
    void aTaskThatIsNotStuckHasNoVerdictAndItsOwnStateColour(FxRobot robot) throws Exception {
        waitFor(() -> !viewModel.filters().queues.isEmpty());
        String id;
        try (var connection = db.dataSource().getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT id::text FROM shithub.jobs WHERE leased_by = 'w1:42'")) {
            rows.next();
            id = rows.getString(1);
        }
        robot.interact(() -> viewModel.select("shithub", "shithub.jobs", id));
        waitFor(() -> robot.lookup("#detail-state").tryQuery().isPresent());
        assertTrue(robot.lookup("#detail-stuck-verdict").tryQuery().isEmpty());
        Label state = robot.lookup("#detail-state").query();
        assertEquals("RUNNING  (processing)", state.getText());
        assertTrue(state.getStyleClass().contains("state-running"));
    }

    private static String idOf(Node node) {
        return node.getId() == null ? node.getClass().getSimpleName() : node.getId();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
