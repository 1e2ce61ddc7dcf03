package io.pitwall.cli;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.SshBastion;
import io.pitwall.connect.TargetResolver;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.testing.StreamingStandby;
import io.pitwall.testing.TestBastion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A primary and its standby both behind one SSH bastion (issue 14 items 5 and 6 together): the monitoring reads the
 * standby through the bastion while previews and actions go to the primary through it; a real MINA server and a
 * real streaming standby, both started here. Through a saved connection on the command line, and at the pools.
 */
class StandbyBastionCliTest {

    @TempDir
    static Path dir;

    private static StreamingStandby pair;
    private static DataSource primaryDb;
    private static TestBastion bastion;
    private static Path key;
    private static Path knownHosts;

    @BeforeAll
    static void start() throws Exception {
        pair = StreamingStandby.start();
        primaryDb = pair.primaryDatabaseWith("queues", "/io/pitwall/demo/shithub.sql");
        execute("INSERT INTO shithub.jobs (id, kind, state) VALUES (1, 'email', 'queued')");
        key = TestBastion.sshKeygen(dir, "id_ops", null);
        bastion = TestBastion.start(Path.of(key + ".pub"));
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, bastion.knownHostsLine() + "\n");
        Files.writeString(dir.resolve("empty_config"), "");
        System.setProperty("pitwall.config.dir", dir.toString());
        Files.writeString(dir.resolve("connections.json"), """
                [ {"name": "orders-behind", "uri": "%s", "environment": "staging", "standbyUri": "%s", "ssh": "%s"} ]
                """.formatted(pair.primaryUrl("queues"), pair.standbyUrl("queues"), bastion.spec()));
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("pitwall.config.dir");
        bastion.close();
        pair.close();
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = primaryDb.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void onStandby(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:" + pair.standbyUrl("queues").replace("postgres@", ""),
                "postgres", null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String scalar(DataSource source, String sql) throws Exception {
        try (Connection c = source.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static CliRun cli(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--connection", "orders-behind", "--json", "--ssh-identity", key.toString(),
                "--ssh-known-hosts", knownHosts.toString(), "--ssh-config", dir.resolve("empty_config").toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void aStandbyBehindABastionOfItsOwnGetsATunnelOfItsOwn() throws Exception {
        try (TestBastion standbyBastion = TestBastion.start(Path.of(key + ".pub"))) {
            Path bothKnown = dir.resolve("known_both");
            Files.writeString(bothKnown, bastion.knownHostsLine() + "\n" + standbyBastion.knownHostsLine() + "\n");
            ConnectionTarget primary = TargetResolver.fromSystem().resolve(pair.primaryUrl("queues"))
                    .withBastion(SshBastion.parse(bastion.spec()));
            ConnectionTarget standby = TargetResolver.fromSystem().resolve(pair.standbyUrl("queues"))
                    .withBastion(SshBastion.parse(standbyBastion.spec()));
            SshSettings ssh = new SshSettings(dir.resolve("empty_config"), bothKnown, List.of(key), null,
                    Duration.ofSeconds(5), null);
            int primaryForwards = bastion.forwards();
            try (DatabasePools pools = new DatabasePools(ConnectionIdentity.of(primary), primary, primary, standby, ssh,
                    true)) {
                assertEquals("t", scalar(pools.monitor(), "SELECT pg_is_in_recovery()"), "monitoring reads the standby");
                assertEquals(0, bastion.forwards() - primaryForwards, "not through the primary's bastion");
                assertTrue(standbyBastion.forwards() >= 1, "through the standby's own bastion");
                assertEquals("f", scalar(pools.actions(), "SELECT pg_is_in_recovery()"), "actions go to the primary");
                assertTrue(bastion.forwards() > primaryForwards, "through the primary's bastion");
                assertEquals(1, standbyBastion.openSessions());
            }
        }
    }

    @Test
    void theStandbyIsReadThroughTheBastionWhileActionsGoToThePrimaryThroughIt() throws Exception {
        ConnectionTarget primary = TargetResolver.fromSystem().resolve(pair.primaryUrl("queues"))
                .withBastion(SshBastion.parse(bastion.spec()));
        ConnectionTarget standby = TargetResolver.fromSystem().resolve(pair.standbyUrl("queues"))
                .withBastion(SshBastion.parse(bastion.spec()));
        SshSettings ssh = new SshSettings(dir.resolve("empty_config"), knownHosts, List.of(key), null,
                Duration.ofSeconds(5), null);
        int forwards = bastion.forwards();
        try (DatabasePools pools = new DatabasePools(ConnectionIdentity.of(primary), primary, primary, standby, ssh, true)) {
            assertEquals("t", scalar(pools.monitor(), "SELECT pg_is_in_recovery()"), "monitoring reads the standby");
            assertEquals("f", scalar(pools.primaryReads(), "SELECT pg_is_in_recovery()"), "previews read the primary");
            assertEquals("f", scalar(pools.actions(), "SELECT pg_is_in_recovery()"), "actions go to the primary");
            assertTrue(bastion.forwards() >= forwards + 2, "both went through the bastion");
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        CliRun status = cli("status");
        while (ShithubQueued.soFar(status) != 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = cli("status");
        }
        assertEquals(1, ShithubQueued.of(status), status.err());
        onStandby("SELECT pg_wal_replay_pause()");
        try {
            execute("INSERT INTO shithub.jobs (id, kind, state) VALUES (2, 'email', 'queued')");
            int before = bastion.forwards();
            assertEquals(1, ShithubQueued.of(cli("status")), "the saved connection's status reads its standby, through the bastion");
            CliRun preview = cli("act", "pause-kind", "--profile", "shithub", "--kind", "email", "--dry-run",
                    "--reason", "look");
            assertEquals(0, preview.exitCode(), preview.err());
            assertEquals(2, preview.json().get("matched").asInt(), "the preview is read on the primary");
            CliRun paused = cli("act", "pause-kind", "--profile", "shithub", "--kind", "email", "--yes",
                    "--reason", "INC-31 pause email");
            assertEquals(0, paused.exitCode(), paused.err());
            assertEquals(2, paused.json().get("applied").asInt());
            assertEquals("paused", scalar(primaryDb, "SELECT state FROM shithub.jobs WHERE id = 2"));
            assertEquals("orders-behind", scalar(primaryDb,
                    "SELECT connection FROM pitwall.audit_log WHERE reason = 'INC-31 pause email'"));
            assertTrue(bastion.forwards() > before, "through the bastion");
        } finally {
            onStandby("SELECT pg_wal_replay_resume()");
        }
    }
}
