package io.pitwall.ui.dashboard;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.PrimerDark;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One user profile with a misspelt column never blinds the console: the other profile's card counts, and a banner
 * names the set-aside profile, its file, field and the database's message (before: "Database unreachable", forever).
 * The table is shithub's jobs of migration 0018 (tenseleyFlow/shithub e659af39), as the demo creates it.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardSetAsideTest {

    private static ActionFixture fixture;
    private static MonitorSession session;

    @BeforeAll
    static void database() throws Exception {
        fixture = new ActionFixture("shithub-0018");
        fixture.db.execute("INSERT INTO shithub0018.jobs (kind) VALUES ('push:process'), ('push:process')");
        Path dir = Files.createTempDirectory("pitwall-profiles");
        Files.writeString(dir.resolve("mine.json"), """
                {"id": "jobs-mine", "title": "Mine",
                 "detect": {"table": "jobs", "schemas": ["shithub0018"], "columns": ["id:int", "kind:text"]},
                 "tasks": {"id": "id", "kind": "kind", "state": "t.sttate"},
                 "states": {"queued": "QUEUED"}}
                """);
        session = new MonitorSession(new DatabasePools(TargetResolver.fromSystem().resolve(fixture.db.url())),
                new ProfileLoader().load(dir));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        DashboardViewModel viewModel = new DashboardViewModel(FxExecutors.background("test-io"));
        Scene scene = new Scene(new DashboardView(viewModel), 1400, 900);
        scene.getStylesheets().add(Objects.requireNonNull(
                DashboardView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.show(session);
    }

    @Test
    void theOtherProfilesCountAndTheBrokenOneIsNamed(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".queue-card").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, robot.lookup(".queue-card").queryAll().size(), "shithub-0018's card");
        Message banner = robot.lookup("#set-aside-banner").queryAs(Message.class);
        assertTrue(banner.isVisible());
        String text = banner.getDescription();
        assertTrue(text.contains("jobs-mine") && text.contains("mine.json") && text.contains("tasks.state")
                && text.contains("column t.sttate does not exist"), text);
        assertTrue(!robot.lookup("#unreachable-banner").query().isVisible(), "the database is not unreachable");
    }
}
