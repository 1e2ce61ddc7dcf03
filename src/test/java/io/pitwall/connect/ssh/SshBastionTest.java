package io.pitwall.connect.ssh;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionProbe;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SshBastion;
import io.pitwall.connect.TargetResolver;
import io.pitwall.testing.TestBastion;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 5: the database reached through an SSH bastion, a real SSH server (MINA's) started here that
 * forwards to the embedded PostgreSQL. known_hosts is verified as ssh's StrictHostKeyChecking=yes does.
 */
class SshBastionTest {

    @TempDir
    static Path keys;
    @TempDir
    Path home;

    private static TestDatabase db;
    private static Path opsKey;
    private static Path strangerKey;

    private TestBastion bastion;
    private Path knownHosts;

    @BeforeAll
    static void database() {
        db = TestDatabase.fresh();
        db.execute("CREATE TABLE marker (what text); INSERT INTO marker VALUES ('behind the bastion')");
        opsKey = TestBastion.sshKeygen(keys, "id_ops", null);
        strangerKey = TestBastion.sshKeygen(keys, "id_stranger", null);
    }

    @BeforeEach
    void start() {
        bastion = TestBastion.start(Path.of(opsKey + ".pub"));
        knownHosts = home.resolve(".ssh/known_hosts");
    }

    @AfterEach
    void stop() {
        bastion.close();
    }

    private ConnectionTarget target(String bastionSpec) throws Exception {
        return new TargetResolver(Map.of(), home, "postgres").resolve(db.url()).withBastion(SshBastion.parse(bastionSpec));
    }

    private SshSettings settings(Path key) {
        return new SshSettings(home.resolve(".ssh/config"), knownHosts, key == null ? List.of() : List.of(key), null,
                Duration.ofSeconds(3), null);
    }

    private void knowTheBastion() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, bastion.knownHostsLine() + "\n");
    }

    private static String marker(DatabasePools pools) throws SQLException {
        try (Connection connection = pools.monitor().getConnection();
             ResultSet rs = connection.createStatement().executeQuery("SELECT what FROM marker")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void readsTheDatabaseThroughTheBastionAndClosesTheForwardOnDisconnect() throws Exception {
        knowTheBastion();
        ConnectionTarget target = target(bastion.spec());
        DatabasePools pools = new DatabasePools(ConnectionIdentity.of(target), target, target, settings(opsKey));
        SshTunnel tunnel;
        int localPort;
        try {
            pools.openTunnel();
            assertEquals("behind the bastion", marker(pools));
            assertTrue(bastion.forwards() >= 1, "the database connection was forwarded by the bastion");
            try (Connection actions = pools.actions().getConnection();
                 ResultSet rs = actions.createStatement().executeQuery("SELECT count(*) FROM marker")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the action pool goes through the same tunnel");
            }
            assertEquals(1, bastion.openSessions(), "both pools share one SSH session");
            tunnel = new SshTunnel(target.bastion(), target.host(), target.port(), settings(opsKey));
            localPort = tunnel.localPort();
            tunnel.close();
            assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", localPort), 2000),
                    "a closed tunnel's local port no longer accepts connections");
        } finally {
            pools.close();
        }
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (bastion.openSessions() > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertEquals(0, bastion.openSessions(), "closing the pools closed the SSH session");
        assertThrows(SQLException.class, () -> pools.monitor().getConnection());
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintAndNothingReachesTheDatabase() throws Exception {
        ConnectionTarget target = target(bastion.spec());
        try (DatabasePools pools = new DatabasePools(ConnectionIdentity.of(target), target, target, settings(opsKey))) {
            SshFailure refused = assertThrows(SshFailure.class, pools::openTunnel);
            assertEquals(SshFailure.Kind.UNKNOWN_HOST_KEY, refused.kind());
            String fingerprint = bastion.fingerprintBySshKeygen(home);
            assertEquals(fingerprint, refused.fingerprint(), "the fingerprint ssh-keygen shows for the bastion's key");
            assertTrue(refused.getMessage().contains("is not known") && refused.getMessage().contains(fingerprint),
                    refused.getMessage());
            SQLException viaPool = assertThrows(SQLException.class, () -> marker(pools));
            assertTrue(SshFailure.in(viaPool) != null || String.valueOf(viaPool.getMessage()).contains("not known")
                    || causeText(viaPool).contains("not known"), causeText(viaPool));
        }
        assertEquals(0, bastion.forwards(), "nothing was forwarded to the database");
        assertTrue(!Files.exists(knownHosts) || Files.readString(knownHosts).isBlank(), "the key was not silently added");
    }

    private static String causeText(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" / ");
        }
        return text.toString();
    }

    @Test
    void theCheckedFingerprintIsAcceptedAndAddedToKnownHostsAnotherIsNot() throws Exception {
        ConnectionTarget target = target(bastion.spec());
        String right = bastion.fingerprintBySshKeygen(home);
        String wrong = "SHA256:" + "A".repeat(43);
        try (SshTunnel tunnel = new SshTunnel(target.bastion(), target.host(), target.port(), settings(opsKey).trusting(wrong))) {
            assertEquals(SshFailure.Kind.UNKNOWN_HOST_KEY, assertThrows(SshFailure.class, tunnel::localPort).kind());
        }
        try (SshTunnel tunnel = new SshTunnel(target.bastion(), target.host(), target.port(), settings(opsKey).trusting(right))) {
            assertTrue(tunnel.localPort() > 0);
        }
        assertTrue(Files.readString(knownHosts).contains(bastion.knownHostsLine().split(" ")[2]),
                "the accepted key is now in known_hosts");
        try (DatabasePools pools = new DatabasePools(ConnectionIdentity.of(target), target, target, settings(opsKey))) {
            assertEquals("behind the bastion", marker(pools), "and the next login needs no acceptance");
        }
    }

    @Test
    void aChangedHostKeyIsRefusedEvenWhenItsFingerprintIsOffered() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, bastion.knownHostsLineWithAnotherKey() + "\n");
        String before = Files.readString(knownHosts);
        ConnectionTarget target = target(bastion.spec());
        String shown = bastion.fingerprintBySshKeygen(home);
        try (SshTunnel tunnel = new SshTunnel(target.bastion(), target.host(), target.port(), settings(opsKey).trusting(shown))) {
            SshFailure refused = assertThrows(SshFailure.class, tunnel::localPort);
            assertEquals(SshFailure.Kind.CHANGED_HOST_KEY, refused.kind());
            assertTrue(refused.getMessage().contains("has CHANGED") && refused.getMessage().contains(shown)
                    && refused.getMessage().contains("ssh-keygen -R '[127.0.0.1]:" + bastion.port() + "'"), refused.getMessage());
        }
        assertEquals(before, Files.readString(knownHosts), "known_hosts was not touched");
        assertEquals(0, bastion.forwards());
    }

    @Test
    void aKeyTheBastionDoesNotKnowIsRefusedOnceAndNotRetried() throws Exception {
        knowTheBastion();
        ConnectionTarget target = target(bastion.spec());
        try (DatabasePools pools = new DatabasePools(ConnectionIdentity.of(target), target, target, settings(strangerKey))) {
            SshFailure refused = assertThrows(SshFailure.class, pools::openTunnel);
            assertEquals(SshFailure.Kind.AUTHENTICATION, refused.kind(), refused.getMessage());
            assertTrue(refused.getMessage().contains("refused the login") && refused.getMessage().contains("id_stranger"),
                    refused.getMessage());
            int asked = bastion.keyChecks();
            assertTrue(asked >= 1);
            assertThrows(SQLException.class, () -> marker(pools));
            assertThrows(SshFailure.class, pools::openTunnel);
            assertEquals(asked, bastion.keyChecks(), "a refused login is not sent again");
        }
        assertEquals(0, bastion.forwards());
    }

    @Test
    void aBastionThatIsDownOrSilentGivesAClearErrorInTime() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ConnectionTarget down = target("ops@127.0.0.1:" + closed);
        try (SshTunnel tunnel = new SshTunnel(down.bastion(), down.host(), down.port(), settings(opsKey))) {
            SshFailure failure = assertThrows(SshFailure.class, tunnel::localPort);
            assertEquals(SshFailure.Kind.UNREACHABLE, failure.kind());
            assertTrue(failure.getMessage().startsWith("cannot reach the SSH bastion") && failure.getMessage().contains("refused"),
                    failure.getMessage());
        }
        try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            ConnectionTarget mute = target("ops@127.0.0.1:" + silent.getLocalPort());
            long started = System.nanoTime();
            try (SshTunnel tunnel = new SshTunnel(mute.bastion(), mute.host(), mute.port(), settings(opsKey))) {
                SshFailure failure = assertThrows(SshFailure.class, tunnel::localPort);
                assertEquals(SshFailure.Kind.UNREACHABLE, failure.kind(), failure.getMessage());
                assertTrue(failure.getMessage().startsWith("cannot reach the SSH bastion"), failure.getMessage());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, "a silent bastion is given up in time, took " + took);
        }
    }

    @Test
    void theProbeSaysWhichHopFailed() throws Exception {
        knowTheBastion();
        assertEquals("postgres", ConnectionProbe.check(target(bastion.spec()), settings(opsKey)));
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ConnectionTarget noDatabase = new TargetResolver(Map.of(), home, "postgres")
                .resolve("postgresql://postgres@127.0.0.1:" + closed + "/q").withBastion(SshBastion.parse(bastion.spec()));
        ConnectionProbe.Failed failed = assertThrows(ConnectionProbe.Failed.class,
                () -> ConnectionProbe.check(noDatabase, settings(opsKey)));
        assertTrue(failed.getMessage().contains("through the SSH bastion " + bastion.spec()), failed.getMessage());
        ConnectionProbe.Failed unknown = assertThrows(ConnectionProbe.Failed.class,
                () -> ConnectionProbe.check(target(bastion.spec()), settings(opsKey).withKnownHosts(home.resolve("none"))));
        assertEquals(SshFailure.Kind.UNKNOWN_HOST_KEY, SshFailure.in(unknown).kind());
    }

    @Test
    void aHostOfSshConfigGivesHostNamePortUserAndKey() throws Exception {
        knowTheBastion();
        Files.writeString(home.resolve(".ssh/config"), "Host jump\n  HostName 127.0.0.1\n  Port " + bastion.port()
                + "\n  User ops\n  IdentityFile " + opsKey + "\n");
        ConnectionTarget target = target("jump");
        try (DatabasePools pools = new DatabasePools(ConnectionIdentity.of(target), target, target, settings(null))) {
            assertEquals("behind the bastion", marker(pools));
        }
    }

    @Test
    void aKeyHeldByTheSshAgentSignsTheLogin() throws Exception {
        knowTheBastion();
        Path socket = home.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true).start();
        try {
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Files.exists(socket) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            Path locked = TestBastion.sshKeygen(home, "id_locked", "a passphrase");
            bastion.close();
            bastion = TestBastion.start(Path.of(locked + ".pub"));
            knowTheBastion();
            ConnectionTarget target = target(bastion.spec());
            try (DatabasePools pools = new DatabasePools(ConnectionIdentity.of(target), target, target,
                    settings(locked).withAgent(socket))) {
                SshFailure withoutAgentKey = assertThrows(SshFailure.class, pools::openTunnel);
                assertTrue(withoutAgentKey.getMessage().contains("ssh-add " + locked), withoutAgentKey.getMessage());
            }
            // ssh-add reads the passphrase from SSH_ASKPASS when it has no terminal.
            Path askpass = home.resolve("askpass.sh");
            Files.writeString(askpass, "#!/bin/sh\necho 'a passphrase'\n");
            askpass.toFile().setExecutable(true);
            ProcessBuilder add = new ProcessBuilder("ssh-add", locked.toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            add.environment().put("SSH_ASKPASS", askpass.toString());
            add.environment().put("SSH_ASKPASS_REQUIRE", "force");
            add.environment().put("DISPLAY", ":0");
            Process adding = add.start();
            String said = new String(adding.getInputStream().readAllBytes());
            assertEquals(0, adding.waitFor(), said);
            try (DatabasePools pools = new DatabasePools(ConnectionIdentity.of(target), target, target,
                    settings(locked).withAgent(socket))) {
                assertEquals("behind the bastion", marker(pools), "the agent's key signed the login");
            }
        } finally {
            agent.destroy();
        }
    }
}
