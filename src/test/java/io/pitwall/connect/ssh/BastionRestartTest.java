package io.pitwall.connect.ssh;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SshBastion;
import io.pitwall.connect.TargetResolver;
import io.pitwall.testing.TestBastion;
import io.pitwall.testing.TestDatabase;
import io.pitwall.ui.common.Errors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bastion restarts under a running connection (issue 14 item 5): the real MINA server is stopped and started
 * again on the same port. Meanwhile reads fail saying the bastion is down (the banner's words, not the database's
 * "connection refused"); once it is back the next read reopens the tunnel, verifying the host key again, with no
 * SSH client, session or thread of the old tunnel left behind. A bastion back with another host key is refused.
 */
class BastionRestartTest {

    @TempDir
    static Path home;

    private static TestDatabase db;
    private static Path opsKey;

    @BeforeAll
    static void database() {
        db = TestDatabase.fresh();
        db.execute("CREATE TABLE marker (what text); INSERT INTO marker VALUES ('behind the bastion')");
        opsKey = TestBastion.sshKeygen(home, "id_ops", null);
    }

    private static SshSettings settings(Path knownHosts) {
        return new SshSettings(home.resolve("no_config"), knownHosts, List.of(opsKey), null, Duration.ofSeconds(3), null);
    }

    private static DatabasePools pools(TestBastion bastion, Path knownHosts) throws Exception {
        ConnectionTarget target = new TargetResolver(Map.of(), home, "postgres").resolve(db.url())
                .withBastion(SshBastion.parse(bastion.spec()));
        return new DatabasePools(ConnectionIdentity.of(target), target, target, null, settings(knownHosts), true);
    }

    private static String marker(DatabasePools pools) throws SQLException {
        try (Connection connection = pools.monitor().getConnection();
             ResultSet rs = connection.createStatement().executeQuery("SELECT what FROM marker")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A refresh: the first read after a restart may meet a pooled connection that died with the old session. */
    private static String refresh(DatabasePools pools) throws Exception {
        try {
            return marker(pools);
        } catch (SQLException first) {
            return marker(pools);
        }
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }

    private static long sshThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().contains("SshClient"))
                .count();
    }

    @Test
    void theTunnelReopensWhenTheBastionIsBackAndLeavesNothingBehind() throws Exception {
        TestBastion bastion = TestBastion.start(Path.of(opsKey + ".pub"));
        int port = bastion.port();
        Path knownHosts = home.resolve("known_hosts_restart");
        Files.writeString(knownHosts, bastion.knownHostsLine() + "\n");
        int clientsBefore = SshTunnel.runningClients();
        DatabasePools pools = pools(bastion, knownHosts);
        try {
            assertEquals("behind the bastion", marker(pools));
            assertEquals(clientsBefore + 1, SshTunnel.runningClients());
            long threadsOpen = sshThreads();

            bastion.close();
            SQLException down = assertThrows(SQLException.class, () -> refresh(pools));
            SshFailure failure = SshFailure.in(down);
            assertTrue(failure != null && failure.kind() == SshFailure.Kind.UNREACHABLE, String.valueOf(failure));
            String banner = Errors.describe(down);
            assertTrue(banner.startsWith("cannot reach the SSH bastion ops@127.0.0.1:" + port) && banner.contains("sshd"),
                    "the banner says the bastion is down: " + banner);
            assertEquals(clientsBefore, SshTunnel.runningClients(), "the broken tunnel's client was stopped");

            bastion = TestBastion.start(bastion.hostKey(), port, Path.of(opsKey + ".pub"));
            int keyChecks = bastion.keyChecks();
            assertEquals("behind the bastion", refresh(pools), "the next refresh reads again, the pools unchanged");
            assertTrue(bastion.keyChecks() > keyChecks, "a new SSH login was made");
            assertEquals(1, bastion.openSessions(), "one session, as before the restart");
            assertEquals(clientsBefore + 1, SshTunnel.runningClients(), "one SSH client: the old one is gone");
            for (int i = 0; i < 5; i++) {
                assertEquals("behind the bastion", marker(pools));
            }
            assertEquals(1, bastion.openSessions(), "reads reuse the reopened tunnel");
            await(() -> sshThreads() <= threadsOpen);
            assertTrue(sshThreads() <= threadsOpen, "no SSH threads left from the old tunnel: " + sshThreads()
                    + " now, " + threadsOpen + " with the first one open");
        } finally {
            pools.close();
            bastion.close();
        }
        assertEquals(clientsBefore, SshTunnel.runningClients(), "closing the pools stopped the client");
    }

    @Test
    void aBastionBackWithAnotherHostKeyIsRefusedNotTrustedBecauseTheTunnelWasOpenBefore() throws Exception {
        TestBastion bastion = TestBastion.start(Path.of(opsKey + ".pub"));
        int port = bastion.port();
        Path knownHosts = home.resolve("known_hosts_rekeyed");
        Files.writeString(knownHosts, bastion.knownHostsLine() + "\n");
        DatabasePools pools = pools(bastion, knownHosts);
        try {
            assertEquals("behind the bastion", marker(pools));
            bastion.close();
            bastion = TestBastion.start(TestBastion.newHostKey(), port, Path.of(opsKey + ".pub"));
            int forwards = bastion.forwards();
            SQLException refused = assertThrows(SQLException.class, () -> refresh(pools));
            SshFailure failure = SshFailure.in(refused);
            assertTrue(failure != null && failure.kind() == SshFailure.Kind.CHANGED_HOST_KEY, String.valueOf(failure));
            assertTrue(Errors.describe(refused).contains("has CHANGED"), Errors.describe(refused));
            assertEquals(forwards, bastion.forwards(), "nothing was forwarded through the impostor");
            assertThrows(SQLException.class, () -> marker(pools), "and it is not tried again until reconnecting");
        } finally {
            pools.close();
            bastion.close();
        }
    }
}
