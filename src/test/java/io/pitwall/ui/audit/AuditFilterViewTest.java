package io.pitwall.ui.audit;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.testing.FxClicks;
import io.pitwall.testing.TestSessions;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At 3 a.m. the audit log is searched, not scrolled: by action, by profile and table, by actor, by outcome and by
 * any text of the entry; each time says its zone, and the connection the action ran on is a column.
 */
@ExtendWith(ApplicationExtension.class)
class AuditFilterViewTest {

    private ActionFixture f;
    private MonitorSession session;

    @Start
    void start(Stage stage) throws Exception {
        f = new ActionFixture("shithub");
        f.db.execute("""
                INSERT INTO shithub.jobs (kind, state) SELECT 'search.reindex', 'queued' FROM generate_series(1, 3);
                INSERT INTO shithub.jobs (kind, state) SELECT 'repo.push', 'queued' FROM generate_series(1, 2);
                """);
        act("pause-kind", "search.reindex", "drain before deploy");
        act("pause-kind", "repo.push", "stop pushes during incident 4411");
        act("resume-kind", "repo.push", "incident over");
        // As the console records it when the action runs on a named connection.
        f.db.execute("UPDATE pitwall.audit_log SET connection = 'orders-prod' WHERE id = 2");
        session = TestSessions.builtIn(f.db.url());
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        AuditScreen screen = new AuditScreen(FxExecutors.background("test-io"));
        Scene scene = new Scene((javafx.scene.Parent) screen.view(), 1186, 700);
        scene.getStylesheets().add(Objects.requireNonNull(AuditView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        screen.show(session);
    }

    private void act(String action, String kind, String reason) {
        ActionFixture.Run run = f.cli("act", action, "--profile", "shithub", "--kind", kind, "--yes", "--reason", reason);
        assertEquals(0, run.exitCode(), run.err());
    }

    @AfterEach
    void close() {
        session.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ids(TableView<?> table) {
        return ((TableView<AuditViewModel.Row>) table).getItems().stream().map(r -> r.entry().id()).toList();
    }

    private static String cell(TableView<?> table, String column, int row) {
        TableColumn<?, ?> found = table.getColumns().stream().filter(c -> c.getText().equals(column)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + column));
        return String.valueOf(found.getCellData(row));
    }

    @SuppressWarnings("unchecked")
    @Test
    void filtersByActionOutcomeActorAndTextAndShowsZoneAndConnection(FxRobot robot) throws Exception {
        TableView<?> table = robot.lookup("#audit-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 3);
        Label count = robot.lookup("#audit-count").queryAs(Label.class);
        assertEquals("3 entries", count.getText());

        // Times carry their zone; the connection is a column (a row from before names shows a dash).
        String when = cell(table, "when", 0);
        assertTrue(when.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [A-Za-z][\\w+:/-]*"), "a time and its zone: " + when);
        assertEquals(List.of(3L, 2L, 1L), ids(table), "newest first");
        assertEquals("orders-prod", cell(table, "connection", 1));
        assertTrue(cell(table, "connection", 0).contains(" on localhost:"), "the CLI names its target: "
                + cell(table, "connection", 0));
        assertTrue(robot.lookup(".label").queryAll().stream().anyMatch(n -> ((Label) n).getText() != null
                && ((Label) n).getText().contains("times in " + ZoneId.systemDefault().getId())));

        ComboBox<String> action = robot.lookup("#audit-action").queryAs(ComboBox.class);
        assertTrue(action.getItems().containsAll(List.of("pause-kind", "resume-kind")), action.getItems().toString());
        robot.interact(() -> action.getSelectionModel().select("resume-kind"));
        assertEquals(List.of(3L), ids(table));
        assertEquals("1 of 3 entries", count.getText());
        robot.interact(() -> action.getSelectionModel().select(0)); // "all actions"
        assertEquals(3, table.getItems().size());

        FxClicks.click(robot, "#audit-search").write("4411");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(2L), ids(table), "found in the reason");
        robot.interact(() -> robot.lookup("#audit-search").queryTextInputControl().setText("search.reindex"));
        assertEquals(List.of(1L), ids(table), "found in the selector");
        robot.interact(() -> robot.lookup("#audit-search").queryTextInputControl().setText(""));

        ComboBox<String> target = robot.lookup("#audit-target").queryAs(ComboBox.class);
        robot.interact(() -> target.getSelectionModel().select("shithub · shithub.jobs"));
        assertEquals(3, table.getItems().size(), "every entry acted on shithub.jobs");

        ComboBox<AuditFilter.Outcome> outcome = robot.lookup("#audit-outcome").queryAs(ComboBox.class);
        robot.interact(() -> outcome.getSelectionModel().select(AuditFilter.Outcome.NOTHING));
        assertEquals(List.of(), ids(table), "every action applied to its rows");
        assertTrue(((Label) table.getPlaceholder()).getText().contains("filter hides every entry"));
        robot.interact(() -> outcome.getSelectionModel().select(AuditFilter.Outcome.APPLIED));
        assertEquals(3, table.getItems().size());

        String osUser = System.getProperty("user.name");
        robot.interact(() -> robot.lookup("#audit-actor").queryTextInputControl().setText("no-such-operator"));
        assertEquals(0, table.getItems().size());
        robot.interact(() -> robot.lookup("#audit-actor").queryTextInputControl().setText(osUser));
        assertEquals(3, table.getItems().size(), "the OS user " + osUser + " took every action");

        robot.interact(() -> robot.lookup("#audit-actor").queryTextInputControl().setText("no-such-operator"));
        FxClicks.click(robot, "#audit-clear");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, table.getItems().size());
        assertEquals("", robot.lookup("#audit-actor").queryTextInputControl().getText());
    }
}
