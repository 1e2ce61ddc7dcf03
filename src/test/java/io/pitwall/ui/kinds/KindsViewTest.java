package io.pitwall.ui.kinds;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestSessions;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.runbook.ActionLauncher;
import io.pitwall.ui.runbook.ActionOutcomes;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queues & kinds at 1366 px wide (the laptop an on-call operator has): kind names and counts read in full, the
 * oldest queued age per kind, and pausing a kind is one guarded step that shows its badge once done.
 */
@ExtendWith(ApplicationExtension.class)
class KindsViewTest {

    private static final String LONG_KIND = "search.reindex.repository-with-a-long-name";

    private ActionFixture f;
    private MonitorSession session;

    @Start
    void start(Stage stage) {
        f = new ActionFixture("shithub");
        f.db.execute("""
                INSERT INTO shithub.jobs (kind, state, created_at) VALUES
                  ('repo.push', 'queued', now() - interval '42 minutes'), ('repo.push', 'queued', now() - interval '3 minutes'),
                  ('repo.push', 'queued', now()),
                  ('%s', 'queued', now() - interval '7 minutes'), ('%s', 'failed', now());
                INSERT INTO shithub.jobs (kind, state) SELECT 'mail.send', 'failed' FROM generate_series(1, 1234);
                """.formatted(LONG_KIND, LONG_KIND));
        session = TestSessions.builtIn(f.db.url());
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        var executor = FxExecutors.background("test-io");
        KindsViewModel viewModel = new KindsViewModel(executor);
        Scene scene = new Scene(new KindsView(viewModel, new ActionLauncher(executor, viewModel::session, new ActionOutcomes())),
                1366 - 180, 700);
        scene.getStylesheets().add(Objects.requireNonNull(KindsView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        viewModel.show(session);
        stage.show();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void namesAndCountsReadInFullWithTheOldestQueuedAge(FxRobot robot) throws Exception {
        TableView<KindRow> table = robot.lookup("#kinds-table").queryTableView();
        waitFor(() -> table.getItems().size() == 3 && table.getItems().stream().allMatch(r -> r.oldestQueued() != null
                || r.kind().equals("mail.send")));
        WaitForAsyncUtils.waitForFxEvents();
        KindRow push = table.getItems().stream().filter(r -> r.kind().equals("repo.push")).findFirst().orElseThrow();
        assertEquals(42, push.oldestQueued().toMinutes());
        String[] shown = onFx(() -> {
            // What the cells draw, not what they hold: a clipped label draws "…".
            StringBuilder drawn = new StringBuilder();
            for (Node node : table.lookupAll(".table-cell")) {
                if (node instanceof TableCell<?, ?> cell && !cell.isEmpty()) {
                    // A wrapped name is a Text graphic; a plain cell draws its text through a LabeledText.
                    Node text = cell.getGraphic() instanceof Text t ? t : cell.lookup(".text");
                    drawn.append(text instanceof Text t ? t.getText() : "").append('|');
                }
            }
            return new String[]{drawn.toString()};
        });
        assertTrue(shown[0].contains("|" + LONG_KIND + "|"), shown[0]);
        assertTrue(shown[0].contains("|1,234|") || shown[0].contains("|1234|"), shown[0]);
        assertTrue(shown[0].contains("|42 min|"), shown[0]);
        assertTrue(!shown[0].replace("|Pause…|", "|").contains("…"), "nothing cut at 1366 px: " + shown[0]);
    }

    @Test
    void pauseIsOneGuardedStepAndTheBadgeShowsOnceDone(FxRobot robot) throws Exception {
        TableView<KindRow> table = robot.lookup("#kinds-table").queryTableView();
        waitFor(() -> table.getItems().stream().anyMatch(r -> r.kind().equals("repo.push")));
        waitFor(() -> robot.lookup("#kind-step-shithub-repo_push").tryQuery().isPresent());
        assertEquals("Pause…", robot.lookup("#kind-step-shithub-repo_push").queryAs(Button.class).getText());
        FxClicks.click(robot, "#kind-step-shithub-repo_push");
        waitFor(() -> robot.lookup("#action-headline").tryQuery().map(n -> ((Label) n).getText().startsWith("Pause 3")).orElse(false));
        assertEquals("3", f.value("SELECT count(*) FROM shithub.jobs WHERE kind = 'repo.push' AND state = 'queued'"),
                "nothing changes before the confirm");
        FxClicks.click(robot, "#action-reason").write("drain before the deploy");
        FxClicks.click(robot, "#action-apply");
        waitFor(() -> robot.lookup("#action-message").queryAs(Label.class).getText().startsWith("Applied 3 of 3"));
        assertEquals("3", f.value("SELECT count(*) FROM shithub.jobs WHERE kind = 'repo.push' AND state = 'paused'"));
        // The table reads again when the action ends: the badge and the other step, without waiting for a refresh.
        waitFor(() -> table.getItems().stream().anyMatch(r -> r.kind().equals("repo.push") && r.paused()));
        waitFor(() -> robot.lookup(".paused-badge").tryQuery().map(n -> ((Label) n).getText().equals("PAUSED")).orElse(false));
        waitFor(() -> robot.lookup("#kind-step-shithub-repo_push").queryAs(Button.class).getText().equals("Resume…"));
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
