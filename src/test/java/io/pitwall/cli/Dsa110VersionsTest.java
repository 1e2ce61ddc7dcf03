package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.upstream.Dsa110Schemas;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both DSA-110 schemas (see {@link Dsa110Schemas} for the upstream files and commits), driven by their own
 * procedures: the current absurd.tasks and the one-day absurd.t_tasks are both dsa110-absurd.
 */
class Dsa110VersionsTest {

    private static ActionFixture.Run act(ActionFixture f, String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "dsa110-absurd", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    /** Five tasks spawned, claimed, completed and failed by absurd's own functions. */
    private static ActionFixture current() {
        ActionFixture f = new ActionFixture();
        f.db.execute(Dsa110Schemas.CURRENT + """
                SELECT absurd.spawn_task('dsa110', 'calibrate', '{"group_id": "g1"}', 5, 600, 3);
                SELECT absurd.spawn_task('dsa110', 'image', '{"group_id": "g1"}', 4, 600, 3);
                SELECT absurd.spawn_task('dsa110', 'mosaic', '{"group_id": "g1"}', 3, 600, 1);
                SELECT absurd.spawn_task('dsa110', 'publish', '{"group_id": "g1"}', 2, 600, 3);
                SELECT absurd.spawn_task('dsa110', 'archive', '{"group_id": "g1"}', 1, 600, 3);
                SELECT absurd.complete_task(absurd.claim_task('dsa110', 'w1'), '{}');
                SELECT absurd.fail_task(absurd.claim_task('dsa110', 'w1'), 'No calibrator registered for Dec +33');
                SELECT absurd.fail_task(absurd.claim_task('dsa110', 'w2'), 'SEVERE imager: out of memory');
                SELECT absurd.claim_task('dsa110', 'w3');
                -- the claim of 'publish' is two hours old: past its 600 s timeout
                UPDATE absurd.tasks SET claimed_at = now() - interval '2 hours' WHERE task_name = 'publish';
                """);
        return f;
    }

    @Test
    void theCurrentSchemaIsDetectedAsItsOwnVersionAndCounted() {
        ActionFixture f = current();
        JsonNode detect = f.cli("detect").json();
        assertEquals("dsa110-absurd", detect.at("/profiles/0/profile").asText(), detect.toString());
        assertEquals("absurd.tasks", detect.at("/profiles/0/where").asText());
        assertTrue(detect.at("/profiles/0/version").asText().startsWith("absurd.tasks, since 2025-11-25"));
        JsonNode status = f.cli("status", "--profile", "dsa110-absurd").json();
        JsonNode counts = status.at("/profiles/0/counts");
        assertEquals(1, counts.get("QUEUED").asInt(), counts.toString());
        assertEquals(1, counts.get("RUNNING").asInt());
        assertEquals(1, counts.get("SUCCEEDED").asInt());
        assertEquals(2, counts.get("FAILED").asInt());
    }

    @Test
    void withNoHeartbeatTheStuckEvidenceIsTheClaimAgeAgainstTheTimeout() {
        JsonNode stuck = current().cli("stuck", "--profile", "dsa110-absurd").json().at("/profiles/0/stuck");
        assertEquals(1, stuck.size(), stuck.toString());
        assertEquals("claimed-too-long", stuck.at("/0/rule").asText());
        assertEquals("publish", stuck.at("/0/kind").asText());
        String evidence = stuck.at("/0/evidence").asText();
        assertTrue(evidence.contains("claimed by w3") && evidence.contains("timeout of 10 min")
                && evidence.contains("no heartbeat, so claim age is the only evidence"), evidence);
    }

    @Test
    void retryAndCancelGoThroughTheSchemasOwnProcedures() {
        ActionFixture f = current();
        ActionFixture.Run retry = act(f, "retry-failed", "--yes");
        assertEquals(0, retry.exitCode(), retry.err());
        assertEquals(1, retry.json().get("applied").asInt(), retry.out());
        assertEquals("pending", f.value("SELECT status FROM absurd.tasks WHERE task_name = 'image'"));
        assertEquals(null, f.value("SELECT error FROM absurd.tasks WHERE task_name = 'image'"));
        assertTrue(retry.json().at("/skipped/0/reason").asText().contains("attempts used up"),
                "mosaic used its one attempt: retry_task would refuse it: " + retry.out());
        assertEquals("failed", f.value("SELECT status FROM absurd.tasks WHERE task_name = 'mosaic'"));

        ActionFixture.Run cancel = act(f, "cancel", "--kind", "archive", "--yes");
        assertEquals(0, cancel.exitCode(), cancel.err());
        assertEquals("cancelled", f.value("SELECT status FROM absurd.tasks WHERE task_name = 'archive'"));
        String publish = f.value("SELECT task_id FROM absurd.tasks WHERE task_name = 'publish'");
        ActionFixture.Run claimed = act(f, "cancel", "--task", publish, "--yes");
        assertEquals(3, claimed.exitCode(), "a claimed task is refused: " + claimed.out());
        assertTrue(claimed.json().at("/skipped/0/reason").asText().contains("claimed by w3"), claimed.out());
        assertEquals(2, act(f, "set-priority", "--param", "priority=9", "--yes").exitCode(),
                "the current schema's version has no set-priority");
    }

    @Test
    void theOldSchemasRetryResetsRetryCountSoTheTaskGetsItsRetriesBack() {
        ActionFixture f = new ActionFixture();
        f.db.execute(Dsa110Schemas.V1 + """
                INSERT INTO absurd.t_tasks (queue_name, task_name) VALUES ('dsa110-pipeline', 'calibrate');
                SELECT absurd.fail_task(absurd.claim_task('dsa110-pipeline', 'w1'), '[Errno 28] No space left on device')
                  FROM generate_series(1, 4);
                """);
        assertEquals("failed", f.value("SELECT status FROM absurd.t_tasks"));
        String id = f.value("SELECT task_id FROM absurd.t_tasks");
        assertEquals("4", f.cli("show", "--profile", "dsa110-absurd", "--task", id).json().at("/task/attempts").asText());

        ActionFixture.Run retry = act(f, "retry-failed", "--yes");
        assertEquals(0, retry.exitCode(), retry.err());
        assertEquals("0", f.value("SELECT retry_count FROM absurd.t_tasks"));
        f.db.execute("SELECT absurd.fail_task(absurd.claim_task('dsa110-pipeline', 'w1'), 'again')");
        assertEquals("pending", f.value("SELECT status FROM absurd.t_tasks"),
                "one failure after a retry is retried again, not final");
    }

    @Test
    void nearMissesNameTheVersionTheTableAlmostMatches() {
        ActionFixture current = new ActionFixture();
        current.db.execute(Dsa110Schemas.CURRENT + "ALTER TABLE absurd.tasks DROP COLUMN attempt;");
        ActionFixture.Run detect = current.cli("detect");
        JsonNode problem = detect.json().at("/problems/0");
        assertEquals("dsa110-absurd", problem.get("profile").asText(), detect.out());
        assertEquals("absurd.tasks", problem.get("where").asText());
        assertTrue(problem.get("version").asText().startsWith("absurd.tasks"));
        assertTrue(problem.get("message").asText().contains("missing column attempt"), problem.toString());

        ActionFixture old = new ActionFixture();
        old.db.execute(Dsa110Schemas.V1 + "ALTER TABLE absurd.t_tasks DROP COLUMN last_heartbeat;");
        JsonNode oldProblem = old.cli("detect").json().at("/problems/0");
        assertEquals("absurd.t_tasks", oldProblem.get("where").asText());
        assertTrue(oldProblem.get("version").asText().startsWith("absurd.t_tasks"));
        assertTrue(oldProblem.get("message").asText().contains("missing column last_heartbeat"), oldProblem.toString());

        StringBuilder text = new StringBuilder();
        ActionFixture.Run plain = ActionFixture.offline("detect", "--url", current.db.url());
        text.append(plain.out());
        assertTrue(text.toString().contains("partial match: dsa110-absurd (absurd.tasks, since 2025-11-25"), text.toString());
    }
}
