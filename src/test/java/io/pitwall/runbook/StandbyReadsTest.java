package io.pitwall.runbook;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.ReplicaLag;
import io.pitwall.queue.StuckItem;
import io.pitwall.testing.StreamingStandby;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 6 against a real streaming standby started by the test: the screens read the standby, its lag is
 * read, and an action chosen from the standby's (stale) view is previewed, re-checked and applied on the primary,
 * with the standby stopped by then, so nothing in the action can have read it.
 */
class StandbyReadsTest {

    private static StreamingStandby pair;
    private static DataSource primaryDb;

    @BeforeAll
    static void start() throws Exception {
        pair = StreamingStandby.start();
        primaryDb = pair.primaryDatabaseWith("queues", "/io/pitwall/demo/shithub.sql");
        execute(primaryDb, """
                INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES
                  (1, 'repo.push', 'processing', 'web1:1', now() - interval '10 minutes'),
                  (2, 'repo.push', 'processing', 'web1:2', now() - interval '10 minutes');
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        pair.close();
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String value(DataSource db, String query) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static <T> T waitFor(Duration limit, Callable<T> read, java.util.function.Predicate<T> done) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        T last = read.call();
        while (!done.test(last) && System.nanoTime() < end) {
            Thread.sleep(100);
            last = read.call();
        }
        return last;
    }

    @Test
    void theScreensReadTheStandbyAndActionsJudgeByThePrimary() throws Exception {
        TargetResolver resolver = TargetResolver.fromSystem();
        ConnectionTarget primary = resolver.resolve(pair.primaryUrl("queues"));
        ConnectionTarget standby = resolver.resolve(pair.standbyUrl("queues"));
        ConnectionIdentity identity = new ConnectionIdentity("orders", "production", null, false, null);
        try (MonitorSession session = new MonitorSession(new DatabasePools(identity, primary, primary, standby),
                new ProfileLoader().loadAll())) {
            // A write on the primary appears on the standby, and the screens' reads see it there.
            execute(primaryDb, "INSERT INTO shithub.jobs (id, kind, state) VALUES (3, 'email', 'queued')");
            long queued = waitFor(Duration.ofSeconds(30), () -> session.status("shithub").queues().getFirst()
                    .counts().get(CanonicalState.QUEUED), n -> n == 1);
            assertEquals(1, queued, "replicated to the standby and counted there");
            assertEquals("t", value(session.pools().monitor(), "SELECT pg_is_in_recovery()"), "monitoring reads the standby");
            assertEquals("f", value(session.pools().primaryReads(), "SELECT pg_is_in_recovery()"), "previews read the primary");
            ReplicaLag caughtUp = waitFor(Duration.ofSeconds(10), session::replicaLag, l -> l.bytesBehind() == 0);
            assertTrue(caughtUp.standby() && caughtUp.streaming(), caughtUp.toString());

            // Replay held on the standby: the primary moves on, the standby's view goes stale and its lag shows.
            try (Connection admin = java.sql.DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + standby.port() + "/queues", "postgres", null);
                 Statement sql = admin.createStatement()) {
                sql.execute("SELECT pg_wal_replay_pause()");
            }
            // A live worker re-leased task 1 on the primary; a new task was queued.
            execute(primaryDb, "UPDATE shithub.jobs SET leased_by = 'web2:7', leased_at = now() WHERE id = 1;"
                    + "INSERT INTO shithub.jobs (id, kind, state) VALUES (4, 'email', 'queued')");
            ReplicaLag behind = waitFor(Duration.ofSeconds(30), session::replicaLag, l -> l.bytesBehind() > 0);
            assertTrue(behind.bytesBehind() > 0, "WAL received but not replayed: " + behind);
            assertTrue(behind.lag().compareTo(Duration.ZERO) > 0, behind.toString());
            assertTrue(behind.describe().startsWith("lag ") && behind.describe().contains("to replay"), behind.describe());
            assertEquals(1, session.status("shithub").queues().getFirst().counts().get(CanonicalState.QUEUED),
                    "the standby's count, one behind the primary's two");
            // The fleet reads the same lag and calls the connection LAGGING once it is past the mark.
            io.pitwall.monitor.fleet.FleetMember member = new io.pitwall.monitor.fleet.FleetMember(identity, primary,
                    standby, List.of(io.pitwall.queue.HealthThreshold.parse(io.pitwall.queue.HealthMetric.STUCK, "1")),
                    null, null);
            try (var fleet = new io.pitwall.monitor.fleet.FleetWatcher(List.of(member), new ProfileLoader().loadAll(),
                    new io.pitwall.monitor.fleet.FleetWatcher.Settings(Duration.ofSeconds(10), Duration.ofSeconds(20),
                            Duration.ZERO))) {
                var entry = fleet.poll().entries().getFirst();
                assertEquals(io.pitwall.monitor.fleet.FleetHealth.LAGGING, entry.health(), entry.problem());
                assertTrue(entry.problem().startsWith("standby lag "), entry.problem());
                assertTrue(entry.lag().compareTo(Duration.ZERO) > 0);
                assertEquals(2, entry.stuck(), "its figures are the standby's");
            }
            List<String> stuckOnStandby = session.stuck("shithub", List.of(), null).stream().map(StuckItem::id).sorted().toList();
            assertEquals(List.of("1", "2"), stuckOnStandby, "the standby still shows task 1's old lease");

            // The command line's twin: --standby reads the standby, --url alone the primary.
            var onStandby = io.pitwall.cli.CliRun.of("status", "--url", pair.primaryUrl("queues"), "--standby",
                    pair.standbyUrl("queues"), "--profile", "shithub", "--json");
            var onPrimary = io.pitwall.cli.CliRun.of("status", "--url", pair.primaryUrl("queues"), "--profile", "shithub", "--json");
            assertEquals(1, onStandby.json().at("/profiles/0/counts/QUEUED").asInt(), onStandby.out() + onStandby.err());
            assertEquals(2, onPrimary.json().at("/profiles/0/counts/QUEUED").asInt(), onPrimary.out());

            // Nothing in the action may need the standby: it is stopped before the preview.
            pair.stopStandby();
            Runbook runbook = new Runbook(session);
            List<ActionPreview> previews = runbook.preview(new ActionRequest("shithub", "force-release", stuckOnStandby,
                    null, null, true, Map.of(), "released from the standby's stuck list"));
            List<String> previewed = previews.stream().flatMap(p -> p.allowedRows().stream()).map(PreviewRow::id).toList();
            assertEquals(List.of("2"), previewed, "re-read on the primary: task 1 is no longer stuck there");
            ActionResult result = runbook.execute(previews, ActionListener.NONE);
            assertEquals(1, result.applied());
            assertFalse(result.auditIds().isEmpty());
            assertEquals(1, runbook.audit(Duration.ofMinutes(5), 10).size(), "the audit log is read on the primary");
        }
        assertEquals("processing|web2:7", value(primaryDb, "SELECT state || '|' || leased_by FROM shithub.jobs WHERE id = 1"),
                "the live worker's lease is untouched: judged by the primary's truth");
        assertEquals("queued", value(primaryDb, "SELECT state FROM shithub.jobs WHERE id = 2"));
        assertEquals("orders", value(primaryDb, "SELECT connection FROM pitwall.audit_log"), "audited on the primary");
    }
}
