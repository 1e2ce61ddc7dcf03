package io.pitwall.ui.dashboard;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.PrimerDark;
import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SshBastion;
import io.pitwall.connect.TargetResolver;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.connect.ssh.SshTunnel;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.SkeletonFixture;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.testing.TestBastion;
import io.pitwall.testing.TestDatabase;
import io.pitwall.ui.common.FxExecutors;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard of a database behind an SSH bastion while the bastion restarts (a real MINA server, stopped and
 * started again on its port): the banner says the bastion is down, in its own words, not the database's; once it is
 * back the next refresh reopens the tunnel and the counts return, without reconnecting and with one SSH client.
 */
@ExtendWith(ApplicationExtension.class)
class BastionBannerTest {

    @TempDir
    static Path dir;

    private TestDatabase db;
    private TestBastion bastion;
    private MonitorSession session;
    private Path key;

    @Start
    void start(Stage stage) throws Exception {
        db = SkeletonFixture.create();
        key = TestBastion.sshKeygen(dir, "id_ops_" + System.nanoTime(), null);
        bastion = TestBastion.start(Path.of(key + ".pub"));
        Path knownHosts = dir.resolve("known_hosts_" + bastion.port());
        Files.writeString(knownHosts, bastion.knownHostsLine() + "\n");
        ConnectionTarget target = new TargetResolver(Map.of(), dir, "postgres").resolve(db.url())
                .withBastion(SshBastion.parse(bastion.spec()));
        SshSettings ssh = new SshSettings(dir.resolve("no_config"), knownHosts, List.of(key), null, Duration.ofSeconds(3), null);
        session = new MonitorSession(new DatabasePools(ConnectionIdentity.of(target), target, target, null, ssh, true),
                new ProfileLoader().loadAll());
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        DashboardViewModel viewModel = new DashboardViewModel(FxExecutors.background("test-io"));
        Scene scene = new Scene(new DashboardView(viewModel), 1366, 768);
        scene.getStylesheets().add(Objects.requireNonNull(
                DashboardView.class.getResource("/io/pitwall/ui/pitwall.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
        viewModel.show(session);
    }

    @AfterEach
    void stop() {
        session.close();
        bastion.close();
    }

    @Test
    void theBannerSaysTheBastionIsDownAndClearsWhenItIsBack(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#count-shithub-shithub_jobs-QUEUED").tryQuery().isPresent());
        assertEquals("3", robot.lookup("#count-shithub-shithub_jobs-QUEUED").queryAs(Label.class).getText());
        int clients = SshTunnel.runningClients();
        Message banner = robot.lookup("#unreachable-banner").queryAs(Message.class);
        assertTrue(!banner.isVisible());
        int port = bastion.port();

        bastion.close();
        waitFor(banner::isVisible);
        assertEquals("SSH bastion unreachable", banner.getTitle());
        assertTrue(banner.getDescription().startsWith("cannot reach the SSH bastion ops@127.0.0.1:" + port
                + ": connection refused (is sshd running there?)"), banner.getDescription());
        assertTrue(!banner.getDescription().contains("is the database running"), banner.getDescription());
        snapshot(robot, robot.lookup("#unreachable-banner").query(), "bastion-down-banner.png");

        bastion = TestBastion.start(bastion.hostKey(), port, Path.of(key + ".pub"));
        db.execute("INSERT INTO shithub.jobs (kind, state) VALUES ('repo.push', 'queued')");
        waitFor(() -> !banner.isVisible()
                && robot.lookup("#count-shithub-shithub_jobs-QUEUED").queryAs(Label.class).getText().equals("4"));
        assertEquals(1, bastion.openSessions(), "one SSH session again");
        assertEquals(clients, SshTunnel.runningClients(), "the tunnel was reopened, not added to");
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    /** For looking at (target/screenshots); the assertions above are the test. */
    private static void snapshot(FxRobot robot, Node node, String name) throws Exception {
        Path out = Path.of("target", "screenshots");
        Files.createDirectories(out);
        AtomicReference<java.awt.image.BufferedImage> image = new AtomicReference<>();
        robot.interact(() -> {
            javafx.scene.image.WritableImage shot = node.getScene().getRoot().snapshot(null, null);
            java.awt.image.BufferedImage png = new java.awt.image.BufferedImage((int) shot.getWidth(),
                    (int) shot.getHeight(), java.awt.image.BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < png.getHeight(); y++) {
                for (int x = 0; x < png.getWidth(); x++) {
                    png.setRGB(x, y, shot.getPixelReader().getArgb(x, y));
                }
            }
            image.set(png);
        });
        javax.imageio.ImageIO.write(image.get(), "png", out.resolve(name).toFile());
    }
}
