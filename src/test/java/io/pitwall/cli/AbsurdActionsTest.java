package io.pitwall.cli;

import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Absurd: actions go through absurd.cancel_task and absurd.retry_task, never hand UPDATEs. */
class AbsurdActionsTest {

    private static final String Q = "absurd.\"t_dsa110-pipeline\"";
    private ActionFixture f;
    private String failed;
    private String running;
    private String pending;
    private String completed;

    @BeforeEach
    void seed() {
        f = new ActionFixture("absurd");
        f.db.execute("SELECT absurd.create_queue('dsa110-pipeline')");
        String noRetry = "'{\"max_attempts\": 1}'::jsonb";
        failed = f.value("SELECT task_id FROM absurd.spawn_task('dsa110-pipeline', 'imaging', '{}', " + noRetry + ")");
        f.value("SELECT absurd.fail_run('dsa110-pipeline', (SELECT run_id FROM absurd.claim_task('dsa110-pipeline', 'w:1', 30, 1)), '{\"message\": \"No space left on device\"}')");
        running = f.value("SELECT task_id FROM absurd.spawn_task('dsa110-pipeline', 'imaging', '{}', " + noRetry + ")");
        f.value("SELECT run_id FROM absurd.claim_task('dsa110-pipeline', 'w:2', 30, 1)");
        completed = f.value("SELECT task_id FROM absurd.spawn_task('dsa110-pipeline', 'mosaic', '{}', " + noRetry + ")");
        f.value("SELECT absurd.complete_run('dsa110-pipeline', (SELECT run_id FROM absurd.claim_task('dsa110-pipeline', 'w:3', 30, 1)), '{}')");
        pending = f.value("SELECT task_id FROM absurd.spawn_task('dsa110-pipeline', 'imaging', '{}', " + noRetry + ")");
    }

    private ActionFixture.Run act(String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "absurd", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    private String state(String task) {
        return f.value("SELECT state FROM " + Q + " WHERE task_id = '" + task + "'");
    }

    @Test
    void retryCallsRetryTaskOnFailedTasksOnly() {
        String before = f.snapshot(Q);
        assertEquals(1, act("retry", "--dry-run").json().get("matched").asInt());
        assertEquals(before, f.snapshot(Q));
        assertEquals(3, act("retry", "--task", completed, "--yes").exitCode(), "only failed tasks are retried");

        ActionFixture.Run run = act("retry", "--all", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.json().get("applied").asInt());
        assertEquals("pending", state(failed));
        assertEquals("2", f.value("SELECT count(*) FROM absurd.\"r_dsa110-pipeline\" WHERE task_id = '" + failed + "'"),
                "retry_task added a new run, as only the stored procedure does");
        assertEquals(3, f.cli("act", "undo", "--audit-id", run.json().get("auditId").asText(), "--yes", "--reason", "r").exitCode());
    }

    @Test
    void cancelCallsCancelTaskAndRefusesTerminalTasks() {
        assertEquals(3, act("cancel", "--task", completed, "--yes").exitCode());
        ActionFixture.Run run = act("cancel", "--kind", "imaging", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, run.json().get("applied").asInt(), "the running and the pending imaging task");
        assertEquals("cancelled", state(running));
        assertEquals("cancelled", state(pending));
        assertEquals("failed", state(failed));
        assertEquals("0", f.value("SELECT count(*) FROM absurd.\"r_dsa110-pipeline\" WHERE state = 'running'"),
                "cancel_task also cancelled the live run and cleared its lease");
        assertTrue(f.value("SELECT result::text FROM pitwall.audit_log").contains("true"));
    }
}
