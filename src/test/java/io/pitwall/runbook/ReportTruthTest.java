package io.pitwall.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.testing.TestDatabase;
import io.pitwall.testing.TestSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reports that are true (issue 9, items 11, 12, 13 and 15): the CLI, the result and the audit row agree with the table. */
class ReportTruthTest {

    private static ActionRequest request(String profile, String action, boolean stuck) {
        return new ActionRequest(profile, action, List.of(), null, null, stuck, Map.of(), "report test", true);
    }

    /** Item 11: CLI matched 3, applied 1, skipped 2, while the audit row said matched 1, skipped 0. */
    @Test
    void theAuditRowRecordsWhatWasAskedRefusedAndSkipped() {
        ActionFixture f = new ActionFixture("shithub");
        f.db.execute("""
                INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES
                  (4, 'search.reindex', 'processing', 'web1:4242', now() - interval '20 minutes'),
                  (5, 'search.reindex', 'processing', 'web2:777', now() - interval '1 minute');
                """);
        ActionFixture.Run run = f.cli("act", "force-release", "--profile", "shithub", "--task", "4", "--task", "5",
                "--task", "99", "--yes", "--reason", "host died");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = run.json();
        assertEquals(3, json.get("matched").asInt());
        assertEquals(1, json.get("applied").asInt());
        assertEquals(2, json.get("skipped").size());
        assertEquals(0, json.get("notAttempted").asInt());
        assertEquals("3|1|2|2", f.value("SELECT concat_ws('|', matched, applied, skipped, refused_at_preview) FROM pitwall.audit_log"));
        String skippedRows = f.value("SELECT skipped_rows::text FROM pitwall.audit_log");
        assertTrue(skippedRows.contains("\"id\": \"5\"") && skippedRows.contains("refused at preview: lease is younger"), skippedRows);
        assertTrue(skippedRows.contains("\"id\": \"99\"") && skippedRows.contains("no such row"), skippedRows);
    }

    /** Item 13: a renewed heartbeat said "moved since the preview: now claimed", not that the holder is alive. */
    @Test
    void aRenewedHeartbeatSaysTheHolderIsAlive() throws Exception {
        ActionFixture f = new ActionFixture("dsa110-absurd");
        f.db.execute("""
                INSERT INTO absurd.t_tasks (queue_name, task_name, status, claimed_at, worker_id, last_heartbeat)
                VALUES ('dsa110-pipeline', 'imaging', 'claimed', now() - interval '2 hours', 'lxd110h17:1', now() - interval '10 minutes');
                """);
        try (MonitorSession session = TestSessions.builtIn(f.db.url())) {
            Runbook runbook = new Runbook(session);
            List<ActionPreview> previews = runbook.preview(request("dsa110-absurd", "requeue-stuck", true));
            assertEquals(1, previews.getFirst().allowedRows().size());
            f.db.execute("UPDATE absurd.t_tasks SET last_heartbeat = now()");
            ActionResult result = runbook.execute(previews, ActionListener.NONE);
            assertEquals(0, result.applied());
            String reason = result.skipped().getFirst().reason();
            assertTrue(reason.startsWith("no longer stuck: the holder is alive") && reason.contains("lxd110h17:1"), reason);
        }
        assertEquals("claimed", f.value("SELECT status FROM absurd.t_tasks"));
    }

    /** Item 13: a slow guard's statement timeout was reported as waiting for a lock. */
    @Test
    void aStatementTimeoutIsNotCalledALockWait(@TempDir Path config) throws Exception {
        ActionFixture f = new ActionFixture("shithub");
        f.db.execute("INSERT INTO shithub.jobs (id, kind, state) VALUES (1, 'search.reindex', 'queued')");
        String builtIn = new String(ProfileLoader.class.getResourceAsStream("/io/pitwall/profiles/shithub.json").readAllBytes(),
                StandardCharsets.UTF_8);
        String anchor = "\"refuse\": \"t.state <> 'queued'\",";
        assertTrue(builtIn.contains(anchor));
        // A guard that reads too much, as a slow subquery would: a quarter second per evaluation.
        Files.writeString(config.resolve("shithub.json"), builtIn.replace(anchor,
                "\"refuse\": \"t.state <> 'queued' OR length(pg_sleep(0.25)::text) > 0\","));
        try (MonitorSession session = new MonitorSession(new DatabasePools(TargetResolver.fromSystem().resolve(f.db.url())),
                new ProfileLoader().load(config))) {
            Runbook runbook = new Runbook(session, new ActionExecutor(1_000, Duration.ofSeconds(2), Duration.ofMillis(100)));
            ActionResult result = runbook.execute(runbook.preview(new ActionRequest("shithub", "pause-kind", List.of(),
                    "search.reindex", null, false, Map.of(), "slow guard")), ActionListener.NONE);
            assertEquals(0, result.applied());
            String reason = result.skipped().getFirst().reason();
            assertTrue(reason.contains("statement timeout") && reason.contains("57014") && !reason.contains("for a row lock"), reason);
        }
    }

    /** Item 13: after a mid-run failure, matched 60000, applied 3000, skipped [] left rows unaccounted for. */
    @Test
    void matchedIsAppliedPlusSkippedPlusNotAttempted() throws Exception {
        ActionFixture f = new ActionFixture("dsa110-absurd");
        f.db.execute("INSERT INTO absurd.t_tasks (queue_name, task_name, status, error) "
                + "SELECT 'dsa110-pipeline', 'imaging', 'failed', 'boom' FROM generate_series(1, 30)");
        try (MonitorSession session = TestSessions.builtIn(f.db.url())) {
            Runbook runbook = new Runbook(session, new ActionExecutor(10, Duration.ofSeconds(1), Duration.ofSeconds(10)));
            List<ActionPreview> previews = runbook.preview(request("dsa110-absurd", "retry-failed", false));
            AtomicInteger batches = new AtomicInteger();
            ActionFailed failed = assertThrows(ActionFailed.class, () -> runbook.execute(previews, new ActionListener() {
                @Override
                public void beforeCommit(Connection connection) throws SQLException {
                    if (batches.incrementAndGet() == 2) {
                        try (Statement s = connection.createStatement()) {
                            s.execute("SELECT pg_terminate_backend(pg_backend_pid())");
                        }
                    }
                }
            }));
            ActionResult result = failed.committed();
            assertEquals(30, result.matched());
            assertEquals(10, result.applied());
            assertEquals(0, result.skipped().size());
            assertEquals(20, result.notAttempted());
            assertTrue(failed.getMessage().contains("20 rows were not attempted"), failed.getMessage());
        }
        assertEquals("10", f.value("SELECT count(*) FROM absurd.t_tasks WHERE status = 'pending'"));
    }

    /** Item 12: a COMMIT the server carried out, whose reply was lost, was reported as "applied 0 … rolled back". */
    @Test
    void aCommitInDoubtIsLookedUpInTheAuditLog() throws Exception {
        ActionFixture f = new ActionFixture("dsa110-absurd");
        f.db.execute("INSERT INTO absurd.t_tasks (queue_name, task_name, status, error) "
                + "SELECT 'dsa110-pipeline', 'imaging', 'failed', 'boom' FROM generate_series(1, 5)");
        try (MonitorSession session = TestSessions.builtIn(f.db.url());
             CutAfterCommitProxy proxy = new CutAfterCommitProxy(TestDatabase.server().getPort())) {
            List<ActionPreview> previews = new Runbook(session).preview(request("dsa110-absurd", "retry-failed", false));
            PGSimpleDataSource viaProxy = new PGSimpleDataSource();
            viaProxy.setServerNames(new String[]{"127.0.0.1"});
            viaProxy.setPortNumbers(new int[]{proxy.port()});
            viaProxy.setDatabaseName(f.db.name());
            viaProxy.setUser("postgres");
            ActionFailed failed = assertThrows(ActionFailed.class, () -> new ActionExecutor().execute(viaProxy,
                    previews.getFirst(), new ActionListener() {
                        @Override
                        public void beforeCommit(Connection connection) {
                            proxy.cutBeforeNextReply();
                        }
                    }));
            assertEquals("5", f.value("SELECT count(*) FROM absurd.t_tasks WHERE status = 'pending'"), "the server committed");
            ActionResult result = failed.committed();
            assertEquals(5, result.applied(), failed.getMessage());
            assertEquals(List.of(Long.parseLong(f.value("SELECT id FROM pitwall.audit_log"))), result.auditIds());
            assertTrue(failed.getMessage().contains("the audit log shows it committed"), failed.getMessage());
        }
    }

    /** Item 15: rows over about 134 KB could not be acted on: a 1,000-row batch's images passed jsonb's 256 MB. */
    @Test
    void batchesAreBoundedByTheSizeOfTheirImages() throws Exception {
        ActionFixture f = new ActionFixture("dsa110-absurd");
        f.db.execute("INSERT INTO absurd.t_tasks (queue_name, task_name, status, params) "
                + "SELECT 'dsa110-pipeline', 'imaging', 'pending', jsonb_build_object('ms', repeat('x', 140000) || g) "
                + "FROM generate_series(1, 1000) g");
        try (MonitorSession session = TestSessions.builtIn(f.db.url())) {
            Runbook runbook = new Runbook(session);
            ActionResult result = runbook.execute(runbook.preview(new ActionRequest("dsa110-absurd", "set-priority", List.of(),
                    null, "QUEUED", false, Map.of("priority", "5"), "big rows")), ActionListener.NONE);
            assertEquals(1000, result.applied());
            assertTrue(result.auditIds().size() > 1, "more than one batch: " + result.auditIds());
        }
        assertEquals("1000", f.value("SELECT count(*) FROM absurd.t_tasks WHERE priority = 5"));
        assertEquals("1000", f.value("SELECT sum(jsonb_array_length(rows)) FROM pitwall.audit_log"));
        try (Connection c = f.db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(octet_length(rows::text)) FROM pitwall.audit_log")) {
            rs.next();
            assertTrue(rs.getLong(1) <= ActionExecutor.IMAGE_BUDGET + 1_000_000, "largest audit images: " + rs.getLong(1));
        }
    }
}
