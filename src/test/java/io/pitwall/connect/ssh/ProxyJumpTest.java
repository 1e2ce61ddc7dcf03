package io.pitwall.connect.ssh;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SshBastion;
import io.pitwall.connect.TargetResolver;
import io.pitwall.testing.TestBastion;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ProxyJump in ~/.ssh/config (issue 14 item 5): a bastion reached through a jump host, two real MINA servers
 * started here. Both hops' host keys are verified against known_hosts; an unknown jump host is refused naming it.
 */
class ProxyJumpTest {

    @TempDir
    static Path home;

    private static TestDatabase db;
    private static Path opsKey;
    private static TestBastion jump;
    private static TestBastion inner;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        db.execute("CREATE TABLE marker (what text); INSERT INTO marker VALUES ('two hops away')");
        opsKey = TestBastion.sshKeygen(home, "id_ops", null);
        jump = TestBastion.start(Path.of(opsKey + ".pub"));
        inner = TestBastion.start(Path.of(opsKey + ".pub"));
    }

    @AfterAll
    static void stop() {
        jump.close();
        inner.close();
    }

    private static Path config() throws Exception {
        Path file = home.resolve("config");
        Files.writeString(file, "Host inner\n  HostName 127.0.0.1\n  Port " + inner.port() + "\n  User ops\n"
                + "  ProxyJump ops@127.0.0.1:" + jump.port() + "\n");
        return file;
    }

    private static DatabasePools pools(Path knownHosts) throws Exception {
        ConnectionTarget target = new TargetResolver(Map.of(), home, "postgres").resolve(db.url())
                .withBastion(SshBastion.parse("inner"));
        SshSettings settings = new SshSettings(config(), knownHosts, List.of(opsKey), null, Duration.ofSeconds(5), null);
        return new DatabasePools(ConnectionIdentity.of(target), target, target, null, settings, true);
    }

    private static String marker(DatabasePools pools) throws SQLException {
        try (Connection connection = pools.monitor().getConnection();
             ResultSet rs = connection.createStatement().executeQuery("SELECT what FROM marker")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aHostWithProxyJumpIsReachedThroughTheJumpHost() throws Exception {
        Path knownHosts = home.resolve("known_both");
        Files.writeString(knownHosts, jump.knownHostsLine() + "\n" + inner.knownHostsLine() + "\n");
        int jumpForwards = jump.forwards();
        int innerForwards = inner.forwards();
        try (DatabasePools pools = pools(knownHosts)) {
            pools.openTunnel();
            assertEquals("two hops away", marker(pools));
        }
        assertTrue(jump.forwards() > jumpForwards, "the jump host carried the hop to the bastion");
        assertTrue(inner.forwards() > innerForwards, "the bastion forwarded to the database");
    }

    @Test
    void anUnknownJumpHostIsRefusedNamingIt() throws Exception {
        Path knownHosts = home.resolve("known_inner_only");
        Files.writeString(knownHosts, inner.knownHostsLine() + "\n");
        int innerForwards = inner.forwards();
        try (DatabasePools pools = pools(knownHosts)) {
            SshFailure refused = assertThrows(SshFailure.class, pools::openTunnel);
            assertEquals(SshFailure.Kind.UNKNOWN_HOST_KEY, refused.kind(), refused.getMessage());
            assertTrue(refused.getMessage().contains("127.0.0.1:" + jump.port()), refused.getMessage());
        }
        assertEquals(innerForwards, inner.forwards(), "nothing went past the unverified jump host");
    }
}
