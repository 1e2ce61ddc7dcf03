package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudgovActionsTest {

    private static final String OPS = "public.operation";
    private ActionFixture f;

    @BeforeEach
    void seed() {
        f = new ActionFixture("cloudgov-broker");
        f.db.execute("""
                INSERT INTO service_instance (id, instance_type) VALUES
                  ('inst-a', 'cdn_service_instance'), ('inst-b', 'alb_service_instance'),
                  ('inst-c', 'cdn_service_instance'), ('inst-d', 'cdn_service_instance');
                INSERT INTO operation (id, service_instance_id, state, action, canceled_at, updated_at) VALUES
                  (1, 'inst-a', 'in progress', 'Renew', NULL, now() - interval '20 minutes'),
                  (2, 'inst-b', 'in progress', 'Update', now() - interval '30 minutes', now() - interval '40 minutes'),
                  (3, 'inst-c', 'in progress', 'Provision', now() - interval '2 minutes', now() - interval '40 minutes'),
                  (4, 'inst-d', 'succeeded', 'Provision', NULL, now() - interval '1 day'),
                  (5, 'inst-d', 'in progress', 'Update', now() - interval '1 hour', NULL);
                SELECT setval('operation_id_seq', 5);
                """);
    }

    private ActionFixture.Run act(String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "cloudgov-broker", "--reason", "ticket 42"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    @Test
    void cancelSetsCanceledAtOnlyOnInProgressUncancelled() {
        String before = f.snapshot(OPS);
        ActionFixture.Run dry = act("cancel", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.err());
        assertEquals(1, dry.json().get("matched").asInt());
        assertEquals(before, f.snapshot(OPS));

        ActionFixture.Run run = act("cancel", "--all", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.json().get("applied").asInt());
        assertEquals("t", f.value("SELECT canceled_at IS NOT NULL FROM operation WHERE id = 1"));
        assertEquals(3, act("cancel", "--task", "4", "--yes").exitCode(), "succeeded is refused");
        assertEquals(3, act("cancel", "--task", "2", "--yes").exitCode(), "already cancelled is refused");
        long auditId = run.json().get("auditId").asLong();
        ActionFixture.Run undo = f.cli("act", "undo", "--audit-id", String.valueOf(auditId), "--yes", "--reason", "r");
        assertEquals(3, undo.exitCode(), "undoing a cancel would be a restart without the wait");
    }

    @Test
    void restartWaitsForTheCancelToAgeAndUndoRestores() {
        ActionFixture.Run young = act("restart", "--task", "3", "--yes");
        assertEquals(3, young.exitCode());
        assertTrue(young.json().get("skipped").get(0).get("reason").asText().contains("less than 10 minutes"));
        ActionFixture.Run nullUpdated = act("restart", "--task", "5", "--yes");
        assertEquals(3, nullUpdated.exitCode());
        assertTrue(nullUpdated.json().get("skipped").get(0).get("reason").asText().contains("updated_at is NULL"));
        assertEquals(3, act("restart", "--task", "1", "--yes").exitCode(), "not cancelled");

        String before = f.snapshot(OPS);
        ActionFixture.Run run = act("restart", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.json().get("applied").asInt(), "only op 2: cancelled long enough and with updated_at");
        assertEquals(null, f.value("SELECT canceled_at FROM operation WHERE id = 2"));
        assertEquals("t", f.value("SELECT canceled_at IS NOT NULL FROM operation WHERE id = 3"));

        String beforeShorter = f.snapshot(OPS);
        ActionFixture.Run shorter = act("restart", "--task", "3", "--param", "minCancelAgeMinutes=1", "--yes");
        assertEquals(2, shorter.exitCode(), "the wait can be longer, never shorter than the runbook's 10 minutes");
        assertTrue(shorter.err().contains("at least 10"), shorter.err());
        assertEquals(beforeShorter, f.snapshot(OPS));
        assertEquals(3, act("restart", "--task", "3", "--param", "minCancelAgeMinutes=60", "--yes").exitCode(),
                "a longer wait is allowed, and refuses the young cancel");

        ActionFixture.Run undo = f.cli("act", "undo", "--audit-id", run.json().get("auditId").asText(), "--yes", "--reason", "r");
        assertEquals(0, undo.exitCode(), undo.err());
        assertEquals(before.lines().filter(l -> l.contains("\"id\": 2,")).toList(),
                f.snapshot(OPS).lines().filter(l -> l.contains("\"id\": 2,")).toList(), "undo put the cancel back");
        assertEquals("t", f.value("SELECT canceled_at IS NOT NULL FROM operation WHERE id = 2"));
    }

    @Test
    void queueOperationInsertsWithUpdatedAtAndRefusesWhileOneIsActive() {
        assertEquals(3, act("queue-operation", "--task", "inst-a", "--param", "operation=Renew", "--yes").exitCode(),
                "inst-a has an in-progress operation");
        assertEquals(2, act("queue-operation", "--task", "inst-b", "--param", "operation=Renewal", "--yes").exitCode(),
                "the runbook's 'Renewal' is not a stored action");
        assertEquals(2, act("queue-operation", "--param", "operation=Renew", "--yes").exitCode(), "needs --task");
        String before = f.snapshot(OPS);
        assertEquals(0, act("queue-operation", "--task", "inst-b", "--param", "operation=Renew", "--dry-run").exitCode());
        assertEquals(before, f.snapshot(OPS));

        ActionFixture.Run run = act("queue-operation", "--task", "inst-b", "--param", "operation=Renew", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = run.json();
        assertEquals(1, json.get("applied").asInt());
        assertEquals("1", f.value("SELECT count(*) FROM operation WHERE service_instance_id = 'inst-b' AND action = 'Renew' "
                + "AND state = 'in progress' AND canceled_at IS NULL AND updated_at IS NOT NULL"));
        assertEquals("Renew", f.value("SELECT result->0->>'action' FROM pitwall.audit_log WHERE id = " + json.get("auditId").asLong()));
        assertEquals(3, act("queue-operation", "--task", "inst-b", "--param", "operation=Deprovision", "--yes").exitCode(),
                "the second one is refused: one active operation per instance");
    }
}
