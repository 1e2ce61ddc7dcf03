package io.pitwall.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows the operator did not ask for (issue 9, items 1, 2, 4 and 7): selectors intersect, every selection is resolved
 * per schema and queue, parameters stay inside the runbook's range, and an irreversible action with no selector
 * needs --all. Each case is the adversarial tester's reproduction, on a real PostgreSQL.
 */
class SelectionContractTest {

    private static ActionFixture.Run act(ActionFixture f, String profile, String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", profile, "--reason", "adversarial test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    /** Item 1: `--task 438 --stuck` acted on all 9 stuck jobs; now it is the named job, if it is stuck. */
    @Test
    void taskWithStuckIsTheNamedTasksThatAreStuck() {
        ActionFixture f = new ActionFixture("shithub-0018");
        f.db.execute("""
                INSERT INTO shithub0018.jobs (id, kind, locked_by, locked_at)
                SELECT 430 + g, 'repo:index_code', 'web1:' || g, now() - interval '20 minutes' FROM generate_series(1, 9) g;
                INSERT INTO shithub0018.jobs (id, kind) VALUES (500, 'repo:index_code');
                """);
        String before = f.snapshot("shithub0018.jobs");
        ActionFixture.Run run = act(f, "shithub-0018", "discard", "--task", "438", "--stuck", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.json().get("matched").asInt(), run.out());
        assertEquals(1, run.json().get("applied").asInt());
        assertEquals("1", f.value("SELECT count(*) FROM shithub0018.jobs WHERE failed_at IS NOT NULL"), "only job 438");
        assertEquals("t", f.value("SELECT failed_at IS NOT NULL FROM shithub0018.jobs WHERE id = 438"));
        assertEquals("[\"438\"]", f.value("SELECT jsonb_path_query_array(rows, '$[*].id')::text FROM pitwall.audit_log"),
                "the audit names only the row that was asked for");

        String now = f.snapshot("shithub0018.jobs");
        ActionFixture.Run notStuck = act(f, "shithub-0018", "discard", "--task", "500", "--stuck", "--yes");
        assertEquals(0, notStuck.json().get("applied").asInt(), "a named job that is not stuck matches nothing");
        assertEquals(now, f.snapshot("shithub0018.jobs"));
        assertFalse(before.equals(now));
    }

    /** Item 2: one profile in two schemas; schema A's stuck ids were used against schema B. */
    @Test
    void stuckIsResolvedPerSchema() {
        ActionFixture f = new ActionFixture("shithub-0018");
        f.db.execute(ActionFixture.resource("/io/pitwall/demo/shithub-0018.sql").replace("shithub0018", "shithub0018b"));
        f.db.execute("""
                INSERT INTO shithub0018.jobs (id, kind, locked_by, locked_at) VALUES
                  (1, 'repo:index_code', 'web1:1', now() - interval '20 minutes'),
                  (2, 'repo:index_code', 'web1:2', now() - interval '20 minutes'),
                  (3, 'repo:index_code', 'web1:3', now() - interval '20 minutes');
                INSERT INTO shithub0018b.jobs (id, kind) VALUES (1, 'repo:index_code'), (2, 'repo:index_code'), (3, 'repo:index_code');
                """);
        String healthy = f.snapshot("shithub0018b.jobs");
        ActionFixture.Run run = act(f, "shithub-0018", "discard", "--task", "1", "--task", "2", "--task", "3", "--stuck", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, run.json().get("applied").asInt(), run.out());
        assertEquals("3", f.value("SELECT count(*) FROM shithub0018.jobs WHERE failed_at IS NOT NULL"));
        assertEquals(healthy, f.snapshot("shithub0018b.jobs"), "the second schema's healthy queued jobs are untouched");
        assertEquals(0, run.json().get("skipped").size(), "and not reported as missing either: " + run.out());
    }

    /** Item 4: `--param staleSeconds=-3600` took a task whose heartbeat was 0 s old. */
    @Test
    void livenessParametersHaveTheRunbooksFloor() {
        ActionFixture f = new ActionFixture("dsa110-absurd");
        f.db.execute("""
                INSERT INTO absurd.t_tasks (queue_name, task_name, status, claimed_at, worker_id, last_heartbeat)
                VALUES ('dsa110-pipeline', 'imaging', 'claimed', now() - interval '2 hours', 'lxd110h17:1', now());
                """);
        String before = f.snapshot("absurd.t_tasks");
        for (String mode : List.of("--dry-run", "--yes")) {
            ActionFixture.Run run = act(f, "dsa110-absurd", "requeue-stuck", "--param", "staleSeconds=-3600", mode);
            assertEquals(2, run.exitCode(), run.out());
            assertTrue(run.err().contains("staleSeconds") && run.err().contains("at least 60"), run.err());
            assertEquals(2, act(f, "dsa110-absurd", "requeue-stuck", "--param", "staleSeconds=59", mode).exitCode());
        }
        assertEquals(before, f.snapshot("absurd.t_tasks"), "the live worker keeps its task");
        assertEquals(0, f.audits());
        String task = f.value("SELECT task_id FROM absurd.t_tasks");
        assertEquals(3, act(f, "dsa110-absurd", "requeue-stuck", "--task", task, "--param", "staleSeconds=60", "--yes").exitCode(),
                "at the floor the fresh heartbeat still refuses it");
        assertEquals(before, f.snapshot("absurd.t_tasks"));
    }

    /** Item 4, the other profiles' liveness timeouts: a value under the floor is bad input, nothing is read. */
    @Test
    void everyLivenessTimeoutIsBounded() {
        record Case(String schema, String profile, String action, String param) {
        }
        for (Case c : List.of(new Case("shithub", "shithub", "force-release", "leaseTimeoutMinutes=-60"),
                new Case("shithub-0018", "shithub-0018", "force-release", "lockTimeoutMinutes=1"),
                new Case("permanent", "permanent", "requeue-stuck", "staleMinutes=-5"),
                new Case("broadleaf", "broadleaf", "release-serial-lock", "nodeStaleSeconds=0"),
                new Case("broadleaf", "broadleaf", "release-serial-lock", "maxLockMinutes=1"),
                new Case("broadleaf", "broadleaf", "reelect-master", "nodeStaleSeconds=-1"),
                new Case("cloudgov-broker", "cloudgov-broker", "restart", "minCancelAgeMinutes=0"))) {
            ActionFixture f = new ActionFixture(c.schema());
            ActionFixture.Run run = act(f, c.profile(), c.action(), "--param", c.param(), "--dry-run");
            assertEquals(2, run.exitCode(), c + ": " + run.out() + run.err());
            assertTrue(run.err().contains("must be at least"), c + ": " + run.err());
            assertEquals(0, f.audits(), c.toString());
        }
    }

    private static ActionFixture absurdTwoQueues() {
        ActionFixture f = new ActionFixture("absurd");
        f.db.execute("SELECT absurd.create_queue('default'); SELECT absurd.create_queue('imaging');");
        f.db.execute("""
                SELECT absurd.spawn_task('default', 'step', '{}'::jsonb) FROM generate_series(1, 9);
                SELECT absurd.spawn_task('imaging', 'image', '{}'::jsonb) FROM generate_series(1, 11);
                """);
        return f;
    }

    /** Item 7: `act cancel --yes` with no selector cancelled all 20 live tasks in both queues, irreversibly. */
    @Test
    void anIrreversibleActionWithNoSelectorNeedsAll() {
        ActionFixture f = absurdTwoQueues();
        String before = f.snapshot("absurd.t_default") + f.snapshot("absurd.t_imaging");
        ActionFixture.Run refused = act(f, "absurd", "cancel", "--yes");
        assertEquals(3, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("--all"), refused.err());
        assertEquals(before, f.snapshot("absurd.t_default") + f.snapshot("absurd.t_imaging"), "nothing changed");
        assertEquals(0, f.audits());

        ActionFixture.Run dry = act(f, "absurd", "cancel", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.err());
        JsonNode json = dry.json();
        assertEquals(20, json.get("wouldApply").asInt());
        String headline = json.get("headline").asText();
        assertTrue(headline.startsWith("Cancel 20 tasks") && headline.contains("default") && headline.contains("imaging"),
                headline);
        assertTrue(json.get("sql").asText().contains("\"t_default\"") && json.get("sql").asText().contains("\"t_imaging\""),
                json.get("sql").asText());
        assertTrue(json.get("parameters").has("absurd.t_default") && json.get("parameters").has("absurd.t_imaging"),
                json.get("parameters").toString());
        assertTrue(json.has("needsAll"));

        ActionFixture.Run all = act(f, "absurd", "cancel", "--all", "--yes");
        assertEquals(0, all.exitCode(), all.err());
        assertEquals(20, all.json().get("applied").asInt());
        assertTrue(f.value("SELECT selector::text FROM pitwall.audit_log LIMIT 1").contains("\"all\": true"));
    }

    /** Item 7: --task on one queue reported false "no such row in absurd.t_imaging" skips for the other queues. */
    @Test
    void aTaskOfOneQueueIsNotMissingFromTheOthers() {
        ActionFixture f = absurdTwoQueues();
        String task = f.value("SELECT task_id FROM absurd.t_imaging LIMIT 1");
        ActionFixture.Run run = act(f, "absurd", "cancel", "--task", task, "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.json().get("matched").asInt(), run.out());
        assertEquals(1, run.json().get("applied").asInt());
        assertEquals(0, run.json().get("skipped").size(), run.out());

        String nowhere = "0190f5a4-0000-7000-8000-000000000000";
        ActionFixture.Run missing = act(f, "absurd", "cancel", "--task", nowhere, "--yes");
        assertEquals(1, missing.json().get("skipped").size(), "a row no queue has is missing once: " + missing.out());
        assertTrue(missing.json().get("skipped").get(0).get("reason").asText().startsWith("no such row in any of"));
    }
}
