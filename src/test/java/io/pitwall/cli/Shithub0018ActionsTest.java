package io.pitwall.cli;

import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real shithub jobs table: no state column, no paused state; pausing must keep each original run_at. */
class Shithub0018ActionsTest {

    private static final String J = "shithub0018.jobs";
    private ActionFixture f;

    @BeforeEach
    void seed() {
        f = new ActionFixture("shithub-0018");
        f.db.execute("""
                INSERT INTO shithub0018.jobs (id, kind, run_at, locked_by, locked_at, completed_at, failed_at, last_error) VALUES
                  (1, 'repo:index_code', '2026-01-01 10:00+00', NULL, NULL, NULL, NULL, NULL),
                  (2, 'repo:index_code', '2026-01-01 11:00+00', NULL, NULL, NULL, NULL, NULL),
                  (3, 'repo:index_code', now(), 'web1:42', now() - interval '20 minutes', NULL, NULL, NULL),
                  (4, 'repo:index_code', now(), 'web2:43', now() - interval '1 minute', NULL, NULL, NULL),
                  (5, 'push:process', now(), NULL, NULL, NULL, now(), 'boom'),
                  (6, 'push:process', now(), NULL, NULL, now(), NULL, NULL),
                  (7, 'push:process', now() + interval '1 hour', NULL, NULL, NULL, NULL, NULL);
                """);
    }

    private ActionFixture.Run act(String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "shithub-0018", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    @Test
    void pauseMovesRunAtAwayAndResumeRestoresEachOriginal() {
        String before = f.snapshot(J);
        ActionFixture.Run pause = act("pause-kind", "--kind", "repo:index_code", "--yes");
        assertEquals(0, pause.exitCode(), pause.err());
        assertEquals(2, pause.json().get("applied").asInt(), "only the unlocked, unfinished jobs");
        assertEquals("infinity", f.value("SELECT run_at FROM shithub0018.jobs WHERE id = 1"));
        assertEquals(3, act("pause-kind", "--kind", "repo:index_code", "--task", "3", "--yes").exitCode(), "a locked job is refused");

        ActionFixture.Run resume = act("resume-kind", "--kind", "repo:index_code", "--yes");
        assertEquals(0, resume.exitCode(), resume.err());
        assertEquals(2, resume.json().get("applied").asInt());
        assertEquals(before, f.snapshot(J), "each job got its own run_at back");
    }

    @Test
    void forceReleaseRetryAndDiscardKeepTheirGuards() {
        ActionFixture.Run young = act("force-release", "--task", "4", "--yes");
        assertEquals(3, young.exitCode());
        assertTrue(young.json().get("skipped").get(0).get("reason").asText().contains("web2:43"));
        assertEquals(1, act("force-release", "--stuck", "--yes").json().get("applied").asInt());
        assertEquals(null, f.value("SELECT locked_by FROM shithub0018.jobs WHERE id = 3"));

        ActionFixture.Run retry = act("retry", "--yes");
        assertEquals(1, retry.json().get("applied").asInt());
        assertEquals(null, f.value("SELECT failed_at FROM shithub0018.jobs WHERE id = 5"));
        assertEquals("0", f.value("SELECT attempts FROM shithub0018.jobs WHERE id = 5"));

        assertEquals(3, act("discard", "--task", "4", "--yes").exitCode(), "running under a live lock");
        assertEquals(3, act("discard", "--task", "6", "--yes").exitCode(), "completed");
        assertEquals(2, act("discard", "--kind", "push:process", "--yes").exitCode(), "discard names its jobs");
        ActionFixture.Run discard = act("discard", "--task", "7", "--yes");
        assertEquals(0, discard.exitCode(), discard.err());
        assertEquals("discarded by site admin", f.value("SELECT last_error FROM shithub0018.jobs WHERE id = 7"));
        assertEquals(0, f.cli("act", "undo", "--audit-id", discard.json().get("auditId").asText(), "--yes", "--reason", "r").exitCode());
        assertEquals(null, f.value("SELECT failed_at FROM shithub0018.jobs WHERE id = 7"));
    }
}
