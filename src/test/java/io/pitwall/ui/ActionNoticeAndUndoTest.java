package io.pitwall.ui;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.connect.SavedConnections;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.testing.FxClicks;
import io.pitwall.ui.audit.AuditScreen;
import io.pitwall.ui.audit.AuditViewModel;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.connect.ConnectRequest;
import io.pitwall.ui.runbook.ActionLauncher;
import io.pitwall.ui.runbook.ActionOutcomes;
import io.pitwall.ui.shell.Screen;
import io.pitwall.ui.shell.ShellView;
import io.pitwall.ui.shell.ShellViewModel;
import io.pitwall.ui.tasks.TasksScreen;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An action that ends leaves a notice under the top bar with "Open audit #N", which opens the audit screen on that
 * entry; undo from there is an action too, and leaves its own notice and audit entry.
 */
@ExtendWith(ApplicationExtension.class)
class ActionNoticeAndUndoTest {

    @TempDir
    static Path config;
    private ActionFixture f;
    private ShellViewModel shell;
    private ShellView view;
    private AuditScreen audit;
    private ActionOutcomes outcomes;
    private ExecutorService executor;

    @Start
    void start(Stage stage) throws Exception {
        f = new ActionFixture("shithub");
        f.db.execute("INSERT INTO shithub.jobs (id, kind, state) VALUES (61, 'search.reindex', 'queued'), (62, 'search.reindex', 'queued')");
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        executor = FxExecutors.background("test-io");
        outcomes = new ActionOutcomes();
        audit = new AuditScreen(executor);
        List<Screen> screens = List.of(new TasksScreen(executor, outcomes), audit);
        shell = new ShellViewModel(executor, new SavedConnections(config.resolve("connections.json")));
        view = new ShellView(shell, screens, () -> { });
        ScreenLinks.link(screens, view, outcomes);
        Scene scene = new Scene(view, 1366, 768);
        scene.getStylesheets().add(Objects.requireNonNull(PitwallApp.class.getResource("pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::shutdown).get();
    }

    @Test
    void aNoticeOpensTheAuditEntryAndUndoLeavesItsOwn(FxRobot robot) throws Exception {
        AtomicReference<String> connected = new AtomicReference<>();
        robot.interact(() -> shell.open(new ConnectRequest(f.db.url(), null, false), connected::set, () -> connected.set("ok")));
        waitFor(() -> "ok".equals(connected.get()) && shell.sessionProperty().get() != null);

        // Pause the search.reindex kind through the launcher the screens use, as its row menu would.
        ActionLauncher launcher = new ActionLauncher(executor, () -> shell.sessionProperty().get(), outcomes);
        var pause = shell.sessionProperty().get().registry().find("shithub").orElseThrow().action("pause-kind").orElseThrow();
        robot.interact(() -> launcher.open(view, null, pause, new io.pitwall.runbook.ActionRequest("shithub", "pause-kind",
                List.of(), "search.reindex", null, false, Map.of(), null)));
        waitFor(() -> robot.lookup("#action-headline").tryQuery().map(n -> ((Label) n).getText().startsWith("Pause 2")).orElse(false));
        FxClicks.click(robot, "#action-reason").write("reindex floods the replica");
        FxClicks.click(robot, "#action-apply");
        waitFor(() -> robot.lookup("#action-message").queryAs(Label.class).getText().startsWith("Applied"));
        assertEquals("paused", f.value("SELECT state FROM shithub.jobs WHERE id = 61"));
        robot.interact(() -> ((Button) robot.lookup("#action-close").query()).fire());
        waitFor(() -> robot.lookup("#action-close").tryQuery().isEmpty());

        waitFor(() -> noticeButton(robot, "Open audit #") != null);
        HBox notice = (HBox) view.notices().getChildren().getFirst();
        assertEquals("Action done", ((Label) notice.getChildren().get(1)).getText());
        Button open = noticeButton(robot, "Open audit #");
        long auditId = Long.parseLong(open.getText().substring("Open audit #".length()));
        assertEquals(auditId, Long.parseLong(f.value("SELECT max(id)::text FROM pitwall.audit_log")));
        robot.interact(open::fire);

        AuditViewModel auditModel = audit.viewModel();
        waitFor(() -> auditModel.selectedProperty().get() != null && auditModel.selectedProperty().get().entry().id() == auditId);
        assertTrue(robot.lookup("#audit-table").query().isVisible(), "the audit screen shows, on that entry");
        assertTrue(view.notices().getChildren().stream().noneMatch(n -> n == notice), "the notice went once followed");

        FxClicks.click(robot, "#undo-reason").write("the replica caught up");
        waitFor(() -> !robot.lookup("#undo-button").query().isDisabled());
        FxClicks.click(robot, "#undo-button");
        waitFor(() -> robot.lookup("#action-apply").tryQuery().map(n -> !n.isDisabled()).orElse(false));
        FxClicks.click(robot, "#action-apply");
        waitFor(() -> "queued".equals(f.value("SELECT state FROM shithub.jobs WHERE id = 61"))
                && "queued".equals(f.value("SELECT state FROM shithub.jobs WHERE id = 62")));
        waitFor(() -> {
            Button undone = noticeButton(robot, "Open audit #");
            return undone != null && Long.parseLong(undone.getText().substring("Open audit #".length())) > auditId;
        });
        HBox undoNotice = (HBox) view.notices().getChildren().getFirst();
        assertTrue(((Label) undoNotice.getChildren().get(2)).getText().contains("Undo of #" + auditId),
                ((Label) undoNotice.getChildren().get(2)).getText());
        assertEquals(Long.toString(auditId), f.value("SELECT undo_of::text FROM pitwall.audit_log ORDER BY id DESC LIMIT 1"));
    }

    private Button noticeButton(FxRobot robot, String prefix) {
        return view.notices().getChildren().stream().flatMap(n -> ((HBox) n).getChildren().stream())
                .filter(c -> c instanceof Button b && b.getText() != null && b.getText().startsWith(prefix))
                .map(Button.class::cast).findFirst().orElse(null);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
