package io.pitwall.ui.shell;

import atlantafx.base.theme.PrimerDark;
import io.pitwall.connect.SavedConnections;
import io.pitwall.testing.StreamingStandby;
import io.pitwall.ui.common.FxExecutors;
import io.pitwall.ui.connect.ConnectRequest;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14 item 6 in the window: a connection monitored on a real standby shows the standby and its lag. */
@ExtendWith(ApplicationExtension.class)
class StandbyBadgeTest {

    @TempDir
    static Path config;

    private static StreamingStandby pair;

    private ShellViewModel shell;
    private Stage stage;

    @BeforeAll
    static void start() throws Exception {
        pair = StreamingStandby.start();
        try (Connection admin = pair.primary().getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE queues");
        }
        try (Connection c = pair.primary().getDatabase("postgres", "queues").getConnection(); Statement sql = c.createStatement();
             InputStream in = StandbyBadgeTest.class.getResourceAsStream("/io/pitwall/demo/shithub.sql")) {
            sql.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pair.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        shell = new ShellViewModel(FxExecutors.background("test-io"), new SavedConnections(config.resolve("c.json")));
        ShellView view = new ShellView(shell, List.of(), () -> { });
        Scene scene = new Scene(view, 1200, 700);
        scene.getStylesheets().add(Objects.requireNonNull(ShellView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(shell.windowTitleProperty());
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(shell::shutdown);
    }

    private String open(FxRobot robot, ConnectRequest request) throws Exception {
        AtomicReference<String> outcome = new AtomicReference<>();
        robot.interact(() -> shell.open(request, outcome::set, () -> outcome.set("ok")));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> outcome.get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return outcome.get();
    }

    @Test
    void theTopBarShowsTheStandbyAndItsLag(FxRobot robot) throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        String refused = open(robot, new ConnectRequest(pair.primaryUrl("queues"), null, false, "orders", "production",
                null, false, null, "postgresql://postgres@127.0.0.1:" + closed + "/queues"));
        assertTrue(refused.startsWith("the standby: cannot reach 127.0.0.1:" + closed), refused);
        assertNull(shell.sessionProperty().get(), "a standby that cannot be reached is not switched to");

        assertEquals("ok", open(robot, new ConnectRequest(pair.primaryUrl("queues"), null, false, "orders", "production",
                null, false, null, pair.standbyUrl("queues"))));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> badge(robot).startsWith("STANDBY · lag "));
        assertTrue(badge(robot).endsWith(" s"), badge(robot));
        AtomicReference<String> tip = new AtomicReference<>();
        robot.interact(() -> tip.set(robot.lookup("#standby-badge").queryAs(Label.class).getTooltip().getText()));
        assertTrue(tip.get().contains(pair.standbyUrl("queues")), tip.get());
        assertTrue(tip.get().contains("Previews and actions read the primary"), tip.get());
        assertEquals("Pitwall — orders (production)", stage.getTitle());
        assertEquals(pair.standbyUrl("queues"), new SavedConnections(config.resolve("c.json")).named("orders")
                .orElseThrow().standbyUri(), "saved with its standby");
    }

    private String badge(FxRobot robot) {
        AtomicReference<String> text = new AtomicReference<>();
        robot.interact(() -> {
            Label badge = robot.lookup("#standby-badge").queryAs(Label.class);
            text.set(badge.isVisible() ? badge.getText() : "");
        });
        return text.get();
    }
}
