package io.pitwall.cli;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 14: a role missing SELECT on pitwall.audit_log or USAGE on schema pitwall got exit 1 and a raw
 * "permission denied". Now it is a refusal (exit 3) naming the privilege and the GRANT that fixes it, and nothing
 * changes. Real roles on a real PostgreSQL, each lacking one grant.
 */
class AuditPrivilegesTest {

    private static TestDatabase db;
    private static String noUsage;
    private static String noSelect;

    @BeforeAll
    static void fixture() throws IOException {
        db = TestDatabase.fresh();
        try (InputStream in = AuditPrivilegesTest.class.getResourceAsStream("/io/pitwall/demo/shithub.sql")) {
            db.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        db.execute("""
                INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES
                  (1, 'repo.push', 'processing', 'w-1', now() - interval '10 minutes'),
                  (2, 'repo.push', 'processing', 'w-2', now() - interval '10 minutes');
                """);
        // The superuser acts once, so schema pitwall and its table exist as they would in production.
        CliRun first = CliRun.of("act", "force-release", "--url", db.url(), "--profile", "shithub", "--task", "1",
                "--yes", "--reason", "set up the audit log");
        assertEquals(0, first.exitCode(), first.err());
        noUsage = "nousage_" + db.name();
        noSelect = "noselect_" + db.name();
        db.execute("""
                CREATE ROLE %1$s LOGIN;
                CREATE ROLE %2$s LOGIN;
                GRANT USAGE ON SCHEMA shithub TO %1$s, %2$s;
                GRANT SELECT, UPDATE ON shithub.jobs TO %1$s, %2$s;
                GRANT USAGE ON SCHEMA pitwall TO %2$s;
                GRANT INSERT ON pitwall.audit_log TO %2$s;
                GRANT USAGE ON SEQUENCE pitwall.audit_log_id_seq TO %2$s;
                """.formatted(noUsage, noSelect));
    }

    private static String urlAs(String role) {
        return db.url().replace("postgres@", role + "@");
    }

    @Test
    void auditWithoutUsageOnTheSchemaIsRefusedWithTheGrant() {
        CliRun audit = CliRun.of("audit", "--url", urlAs(noUsage));
        assertEquals(3, audit.exitCode(), audit.err());
        assertTrue(audit.err().contains("lacks USAGE on schema pitwall"), audit.err());
        assertTrue(audit.err().contains("GRANT USAGE ON SCHEMA pitwall TO " + noUsage + ";"), audit.err());
    }

    @Test
    void auditWithoutSelectOnTheTableIsRefusedWithTheGrant() {
        CliRun audit = CliRun.of("audit", "--url", urlAs(noSelect), "--json");
        assertEquals(3, audit.exitCode(), audit.err());
        assertTrue(audit.err().contains("lacks SELECT on pitwall.audit_log"), audit.err());
        assertTrue(audit.err().contains("GRANT SELECT ON pitwall.audit_log TO " + noSelect + ";"), audit.err());
        assertEquals("", audit.out(), "nothing on stdout when refused");
    }

    @Test
    void actingWithoutTheGrantsIsRefusedAndChangesNothing() throws SQLException {
        CliRun usage = CliRun.of("act", "force-release", "--url", urlAs(noUsage), "--profile", "shithub", "--task", "2",
                "--yes", "--reason", "try without usage");
        assertEquals(3, usage.exitCode(), usage.out() + usage.err());
        assertTrue(usage.err().contains("GRANT USAGE ON SCHEMA pitwall TO " + noUsage), usage.err());

        CliRun select = CliRun.of("act", "force-release", "--url", urlAs(noSelect), "--profile", "shithub", "--task", "2",
                "--yes", "--reason", "try without select");
        assertEquals(3, select.exitCode(), select.out() + select.err());
        assertTrue(select.err().contains("GRANT SELECT ON pitwall.audit_log TO " + noSelect), select.err());

        assertEquals("processing", scalar("SELECT state FROM shithub.jobs WHERE id = 2"), "the job was not released");
        assertEquals("1", scalar("SELECT count(*)::text FROM pitwall.audit_log"), "no audit row beyond the set-up one");
    }

    private static String scalar(String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
