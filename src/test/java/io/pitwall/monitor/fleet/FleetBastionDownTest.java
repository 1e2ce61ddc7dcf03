package io.pitwall.monitor.fleet;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SshBastion;
import io.pitwall.connect.TargetResolver;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.testing.TestBastion;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fleet card of a connection whose bastion is down says so in the bastion's words: the driver's own is only
 * "The connection attempt failed." (a real MINA server, stopped under a working connection).
 */
class FleetBastionDownTest {

    @TempDir
    Path dir;

    @Test
    void aConnectionBehindABastionThatIsDownSaysTheBastionIsDown() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        Path key = TestBastion.sshKeygen(dir, "id_ops", null);
        TestBastion bastion = TestBastion.start(Path.of(key + ".pub"));
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, bastion.knownHostsLine() + "\n");
        ConnectionTarget target = new TargetResolver(Map.of(), dir, "postgres").resolve(db.url())
                .withBastion(SshBastion.parse(bastion.spec()));
        SshSettings ssh = new SshSettings(dir.resolve("no_config"), knownHosts, List.of(key), null, Duration.ofSeconds(3), null);
        try (DatabasePools pools = new DatabasePools(ConnectionIdentity.of(target), target, target, null, ssh, true)) {
            try (Connection working = pools.monitor().getConnection()) {
                assertTrue(working.isValid(2));
            }
            bastion.close();
            try (Connection pooled = pools.monitor().getConnection()) {
                pooled.createStatement().execute("SELECT 1");
            } catch (SQLException diedWithTheSession) {
                // The pooled connection went with the old session; the next read asks for a new one.
            }
            SQLException down = assertThrows(SQLException.class, () -> {
                try (Connection again = pools.monitor().getConnection()) {
                    again.createStatement().execute("SELECT 1");
                }
            });
            String card = FleetJudge.describe(down);
            assertTrue(card.startsWith("unreachable: cannot reach the SSH bastion ops@127.0.0.1:" + bastion.port()), card);
        } finally {
            bastion.close();
        }
    }
}
