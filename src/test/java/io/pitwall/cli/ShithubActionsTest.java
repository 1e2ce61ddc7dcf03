package io.pitwall.cli;

import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShithubActionsTest {

    private static final String JOBS = "shithub.jobs";
    private ActionFixture f;

    @BeforeEach
    void seed() {
        f = new ActionFixture("shithub");
        f.db.execute("""
                INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at) VALUES
                  (1, 'search.reindex', 'queued', NULL, NULL),
                  (2, 'search.reindex', 'queued', NULL, NULL),
                  (3, 'repo.push', 'queued', NULL, NULL),
                  (4, 'search.reindex', 'processing', 'web1:4242', now() - interval '20 minutes'),
                  (5, 'search.reindex', 'processing', 'web2:777', now() - interval '1 minute'),
                  (6, 'repo.push', 'completed', NULL, NULL);
                """);
    }

    private ActionFixture.Run act(String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "shithub", "--reason", "drain"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    @Test
    void pauseAndResumeOneKindAndUndo() {
        assertEquals(2, act("pause-kind", "--yes").exitCode(), "pause needs --kind");
        String before = f.snapshot(JOBS);
        assertEquals(0, act("pause-kind", "--kind", "search.reindex", "--dry-run").exitCode());
        assertEquals(before, f.snapshot(JOBS));

        ActionFixture.Run pause = act("pause-kind", "--kind", "search.reindex", "--yes");
        assertEquals(0, pause.exitCode(), pause.err());
        assertEquals(2, pause.json().get("applied").asInt());
        assertEquals("paused", f.value("SELECT state FROM shithub.jobs WHERE id = 1"));
        assertEquals("queued", f.value("SELECT state FROM shithub.jobs WHERE id = 3"));
        assertEquals("processing", f.value("SELECT state FROM shithub.jobs WHERE id = 4"));
        assertEquals(3, act("pause-kind", "--kind", "search.reindex", "--task", "4", "--yes").exitCode());

        ActionFixture.Run resume = act("resume-kind", "--kind", "search.reindex", "--yes");
        assertEquals(2, resume.json().get("applied").asInt());
        assertEquals("queued", f.value("SELECT state FROM shithub.jobs WHERE id = 1"));
        assertEquals(0, f.cli("act", "undo", "--audit-id", resume.json().get("auditId").asText(), "--yes", "--reason", "r").exitCode());
        assertEquals("paused", f.value("SELECT state FROM shithub.jobs WHERE id = 2"));
    }

    @Test
    void forceReleaseOnlyTakesLeasesOlderThanTheTimeout() {
        ActionFixture.Run young = act("force-release", "--task", "5", "--yes");
        assertEquals(3, young.exitCode());
        assertTrue(young.json().get("skipped").get(0).get("reason").asText().contains("web2:777"));

        ActionFixture.Run run = act("force-release", "--stuck", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.json().get("applied").asInt());
        assertEquals("queued", f.value("SELECT state FROM shithub.jobs WHERE id = 4"));
        assertEquals(null, f.value("SELECT leased_by FROM shithub.jobs WHERE id = 4"));
        assertEquals("web2:777", f.value("SELECT leased_by FROM shithub.jobs WHERE id = 5"));
        assertEquals(3, f.cli("act", "undo", "--audit-id", run.json().get("auditId").asText(), "--yes", "--reason", "r").exitCode(),
                "no undo: it would hand the job back to a dead lease holder");
    }

    @Test
    void anAuditLogThatCannotBeWrittenRefusesTheActionNamingThePrivilege() {
        f.db.execute("CREATE ROLE operator LOGIN; GRANT USAGE ON SCHEMA shithub TO operator; "
                + "GRANT SELECT, UPDATE ON shithub.jobs TO operator");
        String before = f.snapshot(JOBS);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String url = f.db.url().replace("postgres@", "operator@");
        int code = PitwallCommand.run(demo -> 0, new PrintWriter(out), new PrintWriter(err), "act", "pause-kind",
                "--profile", "shithub", "--kind", "search.reindex", "--yes", "--reason", "r", "--url", url, "--json");
        assertEquals(3, code, err.toString());
        assertTrue(err.toString().contains("CREATE privilege"), err.toString());
        assertEquals(before, f.snapshot(JOBS));
    }

    @Test
    void textDryRunListsTheRowsWithTheirGuardVerdict() {
        CliRun run = CliRun.of("act", "force-release", "--profile", "shithub", "--url", f.db.url(),
                "--task", "4", "--task", "5", "--dry-run", "--reason", "host died");
        assertEquals(0, run.exitCode(), run.err());
        String row4 = run.out().lines().filter(l -> l.strip().startsWith("4 ")).findFirst().orElseThrow(() -> new AssertionError(run.out()));
        assertTrue(row4.contains("processing") && row4.contains("web1:4242") && row4.contains("20 min") && row4.endsWith("ok"), row4);
        String row5 = run.out().lines().filter(l -> l.strip().startsWith("5 ")).findFirst().orElseThrow(() -> new AssertionError(run.out()));
        assertTrue(row5.contains("refused: lease is younger than its kind's timeout"), row5);
        assertEquals("processing", f.value("SELECT state FROM shithub.jobs WHERE id = 4"), "a dry run changes nothing");
    }
}
