package io.pitwall.monitor;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SshBastion;
import io.pitwall.connect.TargetResolver;
import io.pitwall.connect.ssh.SshFailure;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.testing.TestBastion;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A read whose SSH tunnel closed under it (the bastion went down mid-query) is blamed on the bastion, in its own
 * words, not left as the driver's I/O error that reads as the database being down; while the tunnel is up, or on a
 * direct connection, a failure stays as it was.
 */
class TunnelBlameTest {

    @TempDir
    Path dir;

    @Test
    void aClosedTunnelIsTheBastionsFailure() throws Exception {
        TestDatabase db = SkeletonFixture.create();
        Path key = TestBastion.sshKeygen(dir, "id_ops", null);
        TestBastion bastion = TestBastion.start(Path.of(key + ".pub"));
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, bastion.knownHostsLine() + "\n");
        ConnectionTarget target = new TargetResolver(Map.of(), dir, "postgres").resolve(db.url())
                .withBastion(SshBastion.parse(bastion.spec()));
        SshSettings ssh = new SshSettings(dir.resolve("no_config"), knownHosts, List.of(key), null, Duration.ofSeconds(3), null);
        try (MonitorSession session = new MonitorSession(new DatabasePools(ConnectionIdentity.of(target), target, target,
                null, ssh, true), new ProfileLoader().loadAll())) {
            session.status(null);
            SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
            assertSame(lost, session.blame(lost), "the tunnel is up: the failure is the database's");

            int port = bastion.port();
            bastion.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Exception blamed = lost;
            while (blamed == lost && System.nanoTime() < deadline) {
                Thread.sleep(100);
                blamed = session.blame(lost);
            }
            SshFailure down = assertInstanceOf(SshFailure.class, blamed);
            assertTrue(down.retryable(), down.getMessage());
            assertTrue(down.getMessage().startsWith("cannot reach the SSH bastion ops@127.0.0.1:" + port), down.getMessage());
            assertSame(lost, down.getSuppressed()[0], "the driver's own error is kept with it");
        }
    }

    @Test
    void aDirectConnectionsFailureStaysAsItWas() throws Exception {
        TestDatabase db = SkeletonFixture.create();
        ConnectionTarget target = new TargetResolver(Map.of(), dir, "postgres").resolve(db.url());
        try (MonitorSession session = new MonitorSession(new DatabasePools(ConnectionIdentity.of(target), target),
                new ProfileLoader().loadAll())) {
            session.status(null);
            SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
            assertSame(lost, session.blame(lost));
        }
    }
}
