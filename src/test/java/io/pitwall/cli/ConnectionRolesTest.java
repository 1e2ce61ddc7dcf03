package io.pitwall.cli;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.ReadOnlyConnectionException;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.runbook.ActionListener;
import io.pitwall.runbook.ActionRefused;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.runbook.Runbook;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 items 1 and 3: a read-only connection refuses every action path; a connection can monitor as one role and
 * act as another; each audit row records the connection's name. Real roles with real grants (docs/connections.md).
 */
class ConnectionRolesTest {

    private static TestDatabase db;
    private static String monitorRole;
    private static String actionRole;

    @BeforeAll
    static void fixture() throws IOException {
        db = TestDatabase.fresh();
        try (InputStream in = ConnectionRolesTest.class.getResourceAsStream("/io/pitwall/demo/shithub.sql")) {
            db.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        db.execute("""
                INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES
                  (1, 'repo.push', 'processing', 'w-1', now() - interval '10 minutes'),
                  (2, 'repo.push', 'processing', 'w-2', now() - interval '10 minutes'),
                  (3, 'repo.push', 'processing', 'w-3', now() - interval '10 minutes');
                """);
        monitorRole = "mon_" + db.name();
        actionRole = "act_" + db.name();
        // The grants docs/connections.md lists: pg_monitor plus SELECT to watch; UPDATE and the audit log to act.
        db.execute("""
                CREATE ROLE %1$s LOGIN IN ROLE pg_monitor;
                GRANT USAGE ON SCHEMA shithub TO %1$s;
                GRANT SELECT ON ALL TABLES IN SCHEMA shithub TO %1$s;
                CREATE ROLE %2$s LOGIN;
                GRANT USAGE ON SCHEMA shithub TO %2$s;
                GRANT SELECT, UPDATE ON ALL TABLES IN SCHEMA shithub TO %2$s;
                GRANT CREATE ON DATABASE %3$s TO %2$s;
                """.formatted(monitorRole, actionRole, db.name()));
    }

    private static String urlAs(String role) {
        return db.url().replace("postgres@", role + "@");
    }

    private static String scalar(String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void readOnlyRefusesEveryActionPathOnTheCommandLine() throws SQLException {
        for (String[] args : new String[][]{
                {"act", "force-release", "--url", db.url(), "--profile", "shithub", "--task", "1", "--yes", "--reason", "r", "--read-only"},
                {"act", "force-release", "--url", db.url(), "--profile", "shithub", "--task", "1", "--dry-run", "--reason", "r", "--read-only"},
                {"act", "undo", "--url", db.url(), "--audit-id", "1", "--yes", "--reason", "r", "--read-only"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(3, run.exitCode(), String.join(" ", args) + "\n" + run.err());
            assertTrue(run.err().contains("read-only"), run.err());
        }
        assertEquals("processing", scalar("SELECT state FROM shithub.jobs WHERE id = 1"));
        assertEquals(0, CliRun.of("status", "--url", db.url(), "--read-only", "--json").exitCode(), "reading still works");
    }

    @Test
    void aReadOnlySessionHasNoActionPoolAtAll() throws Exception {
        ConnectionIdentity watchOnly = new ConnectionIdentity("orders", "production", null, true, null);
        try (MonitorSession session = new MonitorSession(new DatabasePools(watchOnly,
                TargetResolver.fromSystem().resolve(db.url())), new ProfileLoader().load(null))) {
            assertThrows(ReadOnlyConnectionException.class, () -> session.pools().actions());
            Runbook runbook = new Runbook(session);
            var previews = runbook.preview(new ActionRequest("shithub", "force-release", List.of("2"), null, null, false,
                    Map.of(), "try anyway"));
            ActionRefused refused = assertThrows(ActionRefused.class, () -> runbook.execute(previews, ActionListener.NONE));
            assertTrue(refused.getMessage().contains("orders (production) is read-only"), refused.getMessage());
        }
        assertEquals("processing", scalar("SELECT state FROM shithub.jobs WHERE id = 2"));
    }

    @Test
    void monitorAsOneRoleActAsAnotherAndTheAuditRowNamesTheConnection() throws Exception {
        assertEquals(0, CliRun.of("status", "--url", urlAs(monitorRole), "--json").exitCode(), "pg_monitor + SELECT watches");
        CliRun alone = CliRun.of("act", "force-release", "--url", urlAs(monitorRole), "--profile", "shithub",
                "--task", "3", "--yes", "--reason", "monitor role alone");
        assertTrue(alone.exitCode() != 0, "the monitoring role cannot act: " + alone.err());
        assertEquals("processing", scalar("SELECT state FROM shithub.jobs WHERE id = 3"));

        ConnectionIdentity named = new ConnectionIdentity("orders eu -c statement_timeout=1", "staging", null, false, actionRole);
        var resolver = TargetResolver.fromSystem();
        var monitor = resolver.resolve(urlAs(monitorRole));
        try (MonitorSession session = new MonitorSession(new DatabasePools(named, monitor, resolver.as(monitor, actionRole)),
                new ProfileLoader().load(null))) {
            Runbook runbook = new Runbook(session);
            var result = runbook.execute(runbook.preview(new ActionRequest("shithub", "force-release", List.of("3"), null,
                    null, false, Map.of(), "act as the action role")), ActionListener.NONE);
            assertEquals(1, result.applied());
        }
        assertEquals("queued", scalar("SELECT state FROM shithub.jobs WHERE id = 3"));
        assertEquals(actionRole, scalar("SELECT db_user FROM pitwall.audit_log WHERE reason = 'act as the action role'"));
        assertEquals("orders eu -c statement_timeout=1",
                scalar("SELECT connection FROM pitwall.audit_log WHERE reason = 'act as the action role'"),
                "the name is recorded exactly, and its spaces did not become server options");

        CliRun audit = CliRun.of("audit", "--url", db.url(), "--json");
        assertEquals(0, audit.exitCode(), audit.err());
        assertEquals("orders eu -c statement_timeout=1", audit.json().at("/entries/0/connection").asText());
    }
}
