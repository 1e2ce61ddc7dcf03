package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Dsa110ActionsTest {

    private static final String T = "absurd.t_tasks";
    private ActionFixture f;

    @BeforeEach
    void seed() {
        f = new ActionFixture("dsa110-absurd");
        f.db.execute("""
                INSERT INTO absurd.t_tasks (task_id, queue_name, task_name, status, error, worker_id, claimed_at, last_heartbeat, priority, completed_at) VALUES
                ('00000000-0000-0000-0000-000000000001', 'dsa110-pipeline', 'imaging', 'failed', 'No calibrator registered for Dec +41', NULL, NULL, NULL, 0, now()),
                ('00000000-0000-0000-0000-000000000002', 'dsa110-pipeline', 'imaging', 'failed', '[Errno 28] No space left on device', NULL, NULL, NULL, 0, now()),
                ('00000000-0000-0000-0000-000000000003', 'dsa110-pipeline', 'mosaic', 'failed', 'SEVERE', NULL, NULL, NULL, 0, now()),
                ('00000000-0000-0000-0000-000000000004', 'dsa110-pipeline', 'imaging', 'claimed', NULL, 'node1-dead', now() - interval '3 hours', now() - interval '2 hours', 0, NULL),
                ('00000000-0000-0000-0000-000000000005', 'dsa110-pipeline', 'imaging', 'claimed', NULL, 'node2-live', now() - interval '3 hours', now() - interval '5 seconds', 0, NULL),
                ('00000000-0000-0000-0000-000000000006', 'dsa110-pipeline', 'imaging', 'pending', NULL, NULL, NULL, NULL, 0, NULL),
                ('00000000-0000-0000-0000-000000000007', 'dsa110-pipeline', 'imaging', 'completed', NULL, NULL, NULL, NULL, 0, now())
                """);
    }

    private static String id(int n) {
        return "00000000-0000-0000-0000-00000000000" + n;
    }

    private ActionFixture.Run act(String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "dsa110-absurd", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    @Test
    void dryRunChangesNothingAndShowsRowsAndSql() {
        String before = f.snapshot(T);
        ActionFixture.Run run = act("retry-failed", "--kind", "imaging", "--dry-run");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = run.json();
        assertEquals("retry-failed", json.get("action").asText());
        assertTrue(json.get("dryRun").asBoolean());
        assertEquals(2, json.get("matched").asInt());
        assertEquals(0, json.get("applied").asInt());
        assertTrue(json.get("auditId").isNull());
        assertTrue(json.get("sql").asText().contains("FOR UPDATE OF t SKIP LOCKED"));
        assertEquals("Retry 2 failed tasks of kind imaging", json.get("headline").asText());
        assertEquals(before, f.snapshot(T));
        assertEquals(0, f.audits());
    }

    @Test
    void retryFailedChangesExactlyTheFailedRowsOfTheKindAndUndoRestores() {
        String before = f.snapshot(T);
        ActionFixture.Run run = act("retry-failed", "--kind", "imaging", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = run.json();
        assertEquals(2, json.get("applied").asInt());
        assertEquals("2", f.value("SELECT count(*) FROM absurd.t_tasks WHERE status = 'pending' AND error IS NULL AND task_name = 'imaging' AND task_id <> '" + id(6) + "'"));
        assertEquals("failed", f.value("SELECT status FROM absurd.t_tasks WHERE task_id = '" + id(3) + "'"));
        long auditId = json.get("auditId").asLong();
        assertEquals("test", f.value("SELECT reason FROM pitwall.audit_log WHERE id = " + auditId));
        assertEquals("failed", f.value("SELECT rows->0->'before'->>'status' FROM pitwall.audit_log WHERE id = " + auditId));
        assertEquals("pending", f.value("SELECT rows->0->'after'->>'status' FROM pitwall.audit_log WHERE id = " + auditId));

        ActionFixture.Run undo = f.cli("act", "undo", "--audit-id", String.valueOf(auditId), "--yes", "--reason", "oops");
        assertEquals(0, undo.exitCode(), undo.err());
        assertEquals(2, undo.json().get("applied").asInt());
        assertEquals(before, f.snapshot(T));
        ActionFixture.Run again = f.cli("act", "undo", "--audit-id", String.valueOf(auditId), "--yes", "--reason", "twice");
        assertEquals(3, again.exitCode(), "a second undo is refused");
    }

    @Test
    void undoSkipsRowsThatMovedSinceTheAction() {
        long auditId = act("retry-failed", "--kind", "imaging", "--yes").json().get("auditId").asLong();
        f.db.execute("UPDATE absurd.t_tasks SET status = 'claimed', worker_id = 'w' WHERE task_id = '" + id(1) + "'");
        JsonNode undo = f.cli("act", "undo", "--audit-id", String.valueOf(auditId), "--yes", "--reason", "r").json();
        assertEquals(1, undo.get("applied").asInt());
        assertEquals(id(1), undo.get("skipped").get(0).get("id").asText());
        assertEquals("claimed", f.value("SELECT status FROM absurd.t_tasks WHERE task_id = '" + id(1) + "'"));
        assertEquals("failed", f.value("SELECT status FROM absurd.t_tasks WHERE task_id = '" + id(2) + "'"));
    }

    @Test
    void requeueStuckTakesOnlyTheStaleHeartbeat() {
        ActionFixture.Run run = act("requeue-stuck", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.json().get("applied").asInt());
        assertEquals("pending", f.value("SELECT status FROM absurd.t_tasks WHERE task_id = '" + id(4) + "'"));
        assertEquals(null, f.value("SELECT worker_id FROM absurd.t_tasks WHERE task_id = '" + id(4) + "'"));
        assertEquals("claimed", f.value("SELECT status FROM absurd.t_tasks WHERE task_id = '" + id(5) + "'"));
    }

    @Test
    void requeueOfALiveWorkersTaskIsRefusedWithTheReason() {
        String before = f.snapshot(T);
        ActionFixture.Run run = act("requeue-stuck", "--task", id(5), "--yes");
        assertEquals(3, run.exitCode(), run.err());
        assertEquals(false, run.json().get("dryRun").asBoolean());
        JsonNode skipped = run.json().get("skipped");
        assertTrue(skipped.get(0).get("reason").asText().contains("heartbeat is fresh"), skipped.toString());
        assertEquals(before, f.snapshot(T));
        assertEquals(0, f.audits());
    }

    @Test
    void cancelRefusesClaimedAndSaysWhy() {
        ActionFixture.Run run = act("cancel", "--task", id(4), "--yes");
        assertEquals(3, run.exitCode());
        assertTrue(run.json().get("skipped").get(0).get("reason").asText().contains("does not stick"));
        ActionFixture.Run completed = act("cancel", "--task", id(7), "--yes");
        assertEquals(3, completed.exitCode());
        ActionFixture.Run ok = act("cancel", "--task", id(6), "--yes");
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals("cancelled", f.value("SELECT status FROM absurd.t_tasks WHERE task_id = '" + id(6) + "'"));
    }

    @Test
    void setPriorityBindsTheValueAndRefusesNonPending() {
        ActionFixture.Run run = act("set-priority", "--task", id(6), "--param", "priority=7", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("7", f.value("SELECT priority FROM absurd.t_tasks WHERE task_id = '" + id(6) + "'"));
        assertEquals(3, act("set-priority", "--task", id(1), "--param", "priority=7", "--yes").exitCode());
        assertEquals(2, act("set-priority", "--task", id(6), "--param", "priority=7; DROP TABLE x", "--yes").exitCode());
        assertEquals(2, act("set-priority", "--task", id(6), "--yes").exitCode(), "priority is required");
        long auditId = run.json().get("auditId").asLong();
        assertEquals(0, f.cli("act", "undo", "--audit-id", String.valueOf(auditId), "--yes", "--reason", "r").exitCode());
        assertEquals("0", f.value("SELECT priority FROM absurd.t_tasks WHERE task_id = '" + id(6) + "'"));
    }

    @Test
    void stuckSelectsWhatTheProfilesStuckRulesFindAndTheGuardsStillApply() {
        String before = f.snapshot(T);
        ActionFixture.Run run = act("cancel", "--stuck", "--yes");
        assertEquals(3, run.exitCode(), run.err());
        JsonNode json = run.json();
        assertEquals(2, json.get("matched").asInt(), "both claimed tasks are stuck by a rule (stale heartbeat, claimed too long)");
        json.get("skipped").forEach(s -> assertTrue(s.get("reason").asText().contains("does not stick"), s.toString()));
        assertEquals(before, f.snapshot(T));
        ActionFixture.Run none = act("retry-failed", "--stuck", "--kind", "mosaic", "--dry-run");
        assertEquals(0, none.exitCode(), none.err());
        assertEquals(0, none.json().get("matched").asInt());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, act("retry-failed", "--kind", "imaging").exitCode(), "neither --dry-run nor --yes");
        assertEquals(2, f.cli("act", "retry-failed", "--profile", "dsa110-absurd", "--yes").exitCode(), "no reason");
        assertEquals(2, act("no-such-action", "--yes").exitCode());
        assertEquals(2, act("retry-failed", "--task", "not-a-uuid", "--yes").exitCode());
    }

    @Test
    void actionsAndAuditCommands() {
        ActionFixture.Run actions = ActionFixture.offline("actions", "--profile", "dsa110-absurd", "--json");
        assertEquals(0, actions.exitCode(), actions.err());
        List<String> ids = new ArrayList<>();
        actions.json().get("actions").forEach(a -> ids.add(a.get("id").asText()));
        assertEquals(List.of("retry-failed", "requeue-stuck", "set-priority", "cancel"), ids);
        assertTrue(actions.json().get("actions").get(3).get("destructive").asBoolean(), "cancel ends work");
        assertFalse(actions.json().get("actions").get(0).get("destructive").asBoolean(true), "retry moves work along");

        assertEquals(0, f.cli("audit").json().get("entries").size(), "no table yet, no entries");
        act("retry-failed", "--task", id(3), "--yes");
        assertEquals(2, f.cli("audit", "--since", "a while").exitCode(), "a bad --since is bad input");
        assertEquals(0, f.cli("audit", "--since", "PT1H").exitCode());
        JsonNode entries = f.cli("audit", "--since", "1h").json().get("entries");
        assertEquals(1, entries.size());
        JsonNode entry = entries.get(0);
        assertEquals("retry-failed", entry.get("action").asText());
        assertEquals("test", entry.get("reason").asText());
        assertNotNull(entry.get("dbUser").asText());
        assertTrue(entry.get("undoable").asBoolean());
    }
}
