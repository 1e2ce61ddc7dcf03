package io.pitwall.cli;

import io.pitwall.runbook.ActionFixture;
import io.pitwall.testing.PasswordRoles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, a saved connection on the command line: {@code --connection NAME} brings the saved connection's whole
 * definition to every database command, as the console opens it: read-only refuses every action, a production one
 * needs {@code --confirm-connection NAME} with {@code --yes} (the console has its name typed), the action role's
 * password comes from stdin or the terminal and never from argv, and the audit row names the connection.
 * A real scram-sha-256 role on the test server.
 */
class SavedConnectionCliTest {

    @TempDir
    static Path config;

    private static ActionFixture f;
    /** Its own database: the action role must be the first to write the audit log there (it then owns it). */
    private static ActionFixture roles;
    private static String actionRole;

    @BeforeAll
    static void fixture() throws Exception {
        f = new ActionFixture("shithub");
        roles = new ActionFixture("shithub");
        for (ActionFixture fixture : new ActionFixture[]{f, roles}) {
            fixture.db.execute("INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES "
                    + "(1, 'repo.push', 'processing', 'w-1', now() - interval '10 minutes'),"
                    + "(2, 'repo.push', 'processing', 'w-2', now() - interval '10 minutes'),"
                    + "(3, 'repo.push', 'processing', 'w-3', now() - interval '10 minutes')");
        }
        roles.db.execute("INSERT INTO shithub.jobs (id, kind, state) VALUES (4, 'repo.mirror', 'queued'), "
                + "(5, 'repo.mirror', 'queued')");
        actionRole = PasswordRoles.create(roles.db, "cli_" + roles.db.name(), "act-s3cret");
        roles.db.execute("GRANT USAGE ON SCHEMA shithub TO " + actionRole + "; GRANT SELECT, UPDATE ON ALL TABLES IN "
                + "SCHEMA shithub TO " + actionRole);
        System.setProperty("pitwall.config.dir", config.toString());
        java.nio.file.Files.writeString(config.resolve("connections.json"), """
                [ {"name": "orders-prod", "uri": "%1$s", "environment": "production"},
                  {"name": "orders-watch", "uri": "%1$s", "environment": "staging", "readOnly": true},
                  {"name": "orders-eu", "uri": "%2$s", "environment": "staging", "actionUser": "%3$s"} ]
                """.formatted(f.db.url(), roles.db.url(), actionRole));
    }

    @AfterAll
    static void clear() {
        System.clearProperty("pitwall.config.dir");
    }

    private static CliRun withStdin(String stdin, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRun.of(args);
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void everyDatabaseCommandTakesASavedConnection() {
        for (String[] args : new String[][]{{"status"}, {"stuck"}, {"failed"}, {"detect"}, {"audit"},
                {"show", "--profile", "shithub", "--task", "1"}}) {
            String[] full = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--connection", "orders-watch", "--json")).toArray(String[]::new);
            CliRun run = CliRun.of(full);
            assertEquals(0, run.exitCode(), String.join(" ", full) + ": " + run.err());
            run.json();
        }
        CliRun stuck = CliRun.of("stuck", "--connection", "orders-watch", "--json");
        assertTrue(stuck.out().contains("\"1\""), "the saved connection's database was read: " + stuck.out());
    }

    @Test
    void aSavedConnectionWithAnotherDatabaseFlagIsAUsageError() {
        for (String[] extra : new String[][]{{"--url", f.db.url()}, {"--ssh", "ops@bastion"}, {"--standby", f.db.url()}}) {
            CliRun run = CliRun.of("status", "--connection", "orders-prod", extra[0], extra[1]);
            assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
            assertTrue(run.err().contains(extra[0] + " cannot go with --connection orders-prod"), run.err());
        }
        CliRun unknown = CliRun.of("status", "--connection", "nobody");
        assertEquals(ExitCodes.BAD_INPUT, unknown.exitCode());
        assertTrue(unknown.err().contains("no saved connection named 'nobody'") && unknown.err().contains("orders-prod"),
                unknown.err());
        CliRun otherRole = CliRun.of("act", "force-release", "--connection", "orders-eu", "--act-as", "someone_else",
                "--profile", "shithub", "--task", "1", "--dry-run", "--reason", "r");
        assertEquals(ExitCodes.BAD_INPUT, otherRole.exitCode(), otherRole.err());
        assertTrue(otherRole.err().contains("acts as role " + actionRole), otherRole.err());
    }

    @Test
    void aReadOnlySavedConnectionRefusesEveryActionAndReadOnlyOnlyTightens() {
        String before = f.snapshot("shithub.jobs");
        long audits = f.audits();
        for (String[] args : new String[][]{
                {"act", "force-release", "--connection", "orders-watch", "--profile", "shithub", "--task", "1", "--yes", "--reason", "r"},
                {"act", "force-release", "--connection", "orders-watch", "--profile", "shithub", "--task", "1", "--dry-run", "--reason", "r"},
                {"act", "undo", "--connection", "orders-watch", "--audit-id", "1", "--yes", "--reason", "r"},
                {"act", "force-release", "--connection", "orders-prod", "--read-only", "--confirm-connection", "orders-prod",
                        "--profile", "shithub", "--task", "1", "--yes", "--reason", "r"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(ExitCodes.REFUSED, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().contains("is read-only") && run.err().contains("nothing was changed"), run.err());
        }
        assertEquals(before, f.snapshot("shithub.jobs"));
        assertEquals(audits, f.audits());
    }

    @Test
    void aProductionConnectionNeedsItsNameConfirmedAndTheAuditRowNamesIt() {
        String before = f.snapshot("shithub.jobs");
        String[] act = {"act", "force-release", "--connection", "orders-prod", "--profile", "shithub", "--task", "2",
                "--reason", "INC-7 on prod", "--json"};
        CliRun bare = CliRun.of(concat(act, "--yes"));
        assertEquals(ExitCodes.REFUSED, bare.exitCode(), bare.err());
        assertTrue(bare.err().contains("orders-prod (production) is a production connection")
                && bare.err().contains("--confirm-connection orders-prod"), bare.err());
        CliRun wrong = CliRun.of(concat(act, "--yes", "--confirm-connection", "orders-staging"));
        assertEquals(ExitCodes.REFUSED, wrong.exitCode(), wrong.err());
        assertTrue(wrong.err().contains("'orders-staging' is not its name"), wrong.err());
        assertEquals(before, f.snapshot("shithub.jobs"), "refused before anything was sent");

        CliRun dry = CliRun.of(concat(act, "--dry-run"));
        assertEquals(0, dry.exitCode(), "a dry run needs no confirmation: " + dry.err());

        CliRun confirmed = CliRun.of(concat(act, "--yes", "--confirm-connection", "orders-prod"));
        assertEquals(0, confirmed.exitCode(), confirmed.err());
        assertEquals(1, confirmed.json().get("applied").asInt());
        assertEquals("queued", f.value("SELECT state FROM shithub.jobs WHERE id = 2"));
        assertEquals("orders-prod", f.value("SELECT connection FROM pitwall.audit_log WHERE reason = 'INC-7 on prod'"),
                "the audit row records the saved connection's name, as the console's do");
        CliRun audit = CliRun.of("audit", "--connection", "orders-prod", "--json");
        assertEquals("orders-prod", audit.json().at("/entries/0/connection").asText());
    }

    @Test
    void theActionRolesPasswordComesFromStdinOrTheTerminalNeverFromArgv() {
        String[] act = {"act", "force-release", "--connection", "orders-eu", "--profile", "shithub", "--task", "3",
                "--yes", "--reason", "INC-8 as the action role", "--json"};
        String before = roles.snapshot("shithub.jobs");

        CliRun noTerminal = CliRun.of(act);
        assertEquals(ExitCodes.REFUSED, noTerminal.exitCode(), noTerminal.err());
        assertTrue(noTerminal.err().contains("acts as role " + actionRole) && noTerminal.err().contains("~/.pgpass")
                && noTerminal.err().contains("--act-as-password-stdin") && noTerminal.err().contains("terminal")
                && noTerminal.err().contains("nothing was changed"), noTerminal.err());

        CliRun wrong = withStdin("not-the-password\n", concat(act, "--act-as-password-stdin"));
        assertEquals(ExitCodes.FAILED, wrong.exitCode(), "an authentication failure is a failure: " + wrong.err());
        assertTrue(wrong.err().contains("authentication failed") || wrong.err().contains("password"), wrong.err());
        assertTrue(!wrong.err().contains("not-the-password"), "the password is never echoed: " + wrong.err());
        assertEquals(before, roles.snapshot("shithub.jobs"), "a wrong password changes nothing");
        assertEquals(0, roles.audits(), "and writes no audit row");

        CliRun empty = withStdin("", concat(act, "--act-as-password-stdin"));
        assertEquals(ExitCodes.REFUSED, empty.exitCode(), empty.err());

        CliRun right = withStdin("act-s3cret\n", concat(act, "--act-as-password-stdin"));
        assertEquals(0, right.exitCode(), right.err());
        assertEquals("queued", roles.value("SELECT state FROM shithub.jobs WHERE id = 3"));
        assertEquals(actionRole, roles.value("SELECT db_user FROM pitwall.audit_log WHERE reason = 'INC-8 as the action role'"),
                "the action ran as the action role, not the monitoring one");
        assertEquals("orders-eu", roles.value("SELECT connection FROM pitwall.audit_log WHERE reason = 'INC-8 as the action role'"));

        // Undo through the same connection: its preview needs no password, its apply asks as the action did.
        CliRun paused = withStdin("act-s3cret\n", "act", "pause-kind", "--connection", "orders-eu", "--profile", "shithub",
                "--kind", "repo.mirror", "--yes", "--reason", "INC-9 pause mirrors", "--json", "--act-as-password-stdin");
        assertEquals(0, paused.exitCode(), paused.err());
        assertEquals("paused", roles.value("SELECT state FROM shithub.jobs WHERE id = 4"));
        String auditId = roles.value("SELECT id FROM pitwall.audit_log WHERE reason = 'INC-9 pause mirrors'");
        String[] undo = {"act", "undo", "--connection", "orders-eu", "--audit-id", auditId, "--reason", "INC-9 undo", "--json"};
        CliRun preview = CliRun.of(concat(undo, "--dry-run"));
        assertEquals(0, preview.exitCode(), "a dry run needs no password: " + preview.err());
        assertEquals(2, preview.json().get("wouldApply").asInt());
        CliRun undoWithout = CliRun.of(concat(undo, "--yes"));
        assertEquals(ExitCodes.REFUSED, undoWithout.exitCode(), undoWithout.err());
        assertTrue(undoWithout.err().contains("--act-as-password-stdin"), undoWithout.err());
        assertEquals("paused", roles.value("SELECT state FROM shithub.jobs WHERE id = 4"));
        CliRun undone = withStdin("act-s3cret\n", concat(undo, "--yes", "--act-as-password-stdin"));
        assertEquals(0, undone.exitCode(), undone.err());
        assertEquals("queued", roles.value("SELECT state FROM shithub.jobs WHERE id = 4"));
        assertEquals(actionRole, roles.value("SELECT db_user FROM pitwall.audit_log WHERE reason = 'INC-9 undo'"));
    }

    @Test
    void theTerminalIsAskedWithoutEchoWhenThereIsOne() {
        String[] asked = new String[1];
        String password = ActionPassword.obtain("pw_act", "orders-eu (staging)", false, InputStream.nullInputStream(),
                question -> {
                    asked[0] = question;
                    return "typed".toCharArray();
                });
        assertEquals("typed", password);
        assertEquals("Password for role pw_act on orders-eu (staging): ", asked[0]);
        CliException none = org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
                () -> ActionPassword.obtain("pw_act", "orders-eu", false, InputStream.nullInputStream(), q -> new char[0]));
        assertEquals(ExitCodes.REFUSED, none.exitCode());
    }

    private static String[] concat(String[] first, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }
}
