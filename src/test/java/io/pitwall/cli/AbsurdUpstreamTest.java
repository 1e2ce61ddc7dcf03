package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Absurd, on the demo's absurd.sql: the per-queue tables and procedures written from earendil-works/absurd
 * sql/absurd.sql at 9b77b356 (0.4): ensure_queue_tables (t_.cancelled_at, r_.claim_expires_at), claim_task (whose
 * sweep fails an expired run through fail_run with {"name": "$ClaimTimeout"}), fail_run (the retry policy),
 * cancel_task (sets cancelled_at) and retry_task. Tag 0.1.1 (4280a9e1) has the same tables but no retry_task.
 * Rows come from the procedures; only the clock is moved, by shifting a run's times back.
 */
class AbsurdUpstreamTest {

    private static final String Q = "imaging";
    private ActionFixture f;

    @BeforeEach
    void queue() {
        f = new ActionFixture("absurd");
        f.db.execute("SELECT absurd.create_queue('" + Q + "')");
    }

    private String spawn(String name, int maxAttempts) {
        return f.value("SELECT task_id FROM absurd.spawn_task('" + Q + "', '" + name + "', '{}', '{\"max_attempts\": "
                + maxAttempts + "}'::jsonb)");
    }

    private String claim(int claimSeconds) {
        return f.value("SELECT run_id FROM absurd.claim_task('" + Q + "', 'host-7:4242', " + claimSeconds + ", 1)");
    }

    private ActionFixture.Run act(String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "absurd", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    @Test
    void aTaskCancelledAfterRunning58MinutesShowsItsEndAndAFullTimelineBar() {
        String task = spawn("mosaic", 3);
        String run = claim(7200);
        f.db.execute("UPDATE absurd.\"r_imaging\" SET started_at = now() - interval '58 minutes' WHERE run_id = '" + run + "';"
                + "UPDATE absurd.\"t_imaging\" SET first_started_at = now() - interval '58 minutes' WHERE task_id = '" + task + "';"
                + "SELECT absurd.cancel_task('" + Q + "', '" + task + "')");
        JsonNode shown = f.cli("show", "--profile", "absurd", "--task", task).json().get("task");
        assertEquals("CANCELLED", shown.get("state").asText());
        assertTrue(shown.at("/timestamps/finished").isTextual(), "cancelled_at is the task's end: " + shown);

        JsonNode span = f.cli("timeline", "--profile", "absurd", "--pipeline", task).json().at("/spans/0");
        assertEquals("CANCELLED", span.get("state").asText(), span.toString());
        Duration bar = Duration.between(Instant.parse(span.get("start").asText()), Instant.parse(span.get("end").asText()));
        assertTrue(bar.toMinutes() >= 57 && bar.toMinutes() <= 59, "the bar spans the 58 minutes it ran: " + bar);
    }

    @Test
    void showCallsTheClaimExpiryALeaseExpiryAndSaysItIsInTheFuture() {
        String task = spawn("calibrate", 3);
        claim(3600);
        ActionFixture.Run text = ActionFixture.offline("show", "--profile", "absurd", "--task", task, "--url", f.db.url());
        assertEquals(0, text.exitCode(), text.err());
        assertFalse(text.out().contains("heartbeat"), text.out());
        assertTrue(text.out().matches("(?s).*lease expires .*\\(in (59|60) min\\).*"), text.out());
        assertFalse(text.out().contains("(-"), "no negative age anywhere: " + text.out());
    }

    @Test
    void anExpiredLeaseIsFailedAsClaimTimeoutSoTheRetryPolicyApplies() {
        String expired = spawn("calibrate", 3);
        String run = claim(30);
        String live = spawn("image", 3);
        claim(3600);
        f.db.execute("UPDATE absurd.\"r_imaging\" SET claim_expires_at = now() - interval '2 minutes' WHERE run_id = '" + run + "'");

        JsonNode stuck = f.cli("stuck", "--profile", "absurd").json().at("/profiles/0/stuck");
        assertEquals(1, stuck.size(), stuck.toString());
        assertEquals(expired, stuck.at("/0/id").asText());

        ActionFixture.Run refused = act("fail-expired-claim", "--task", live, "--yes");
        assertEquals(3, refused.exitCode(), "a live claim is not failed: " + refused.out());
        assertTrue(refused.json().at("/skipped/0/reason").asText().contains("has not expired"), refused.out());

        ActionFixture.Run done = act("fail-expired-claim", "--stuck", "--yes");
        assertEquals(0, done.exitCode(), done.err());
        assertEquals(1, done.json().get("applied").asInt(), done.out());
        assertEquals("$ClaimTimeout", f.value("SELECT failure_reason->>'name' FROM absurd.\"r_imaging\" WHERE run_id = '" + run + "'"));
        assertEquals("host-7:4242", f.value("SELECT failure_reason->>'workerId' FROM absurd.\"r_imaging\" WHERE run_id = '" + run + "'"));
        assertEquals("2", f.value("SELECT count(*) FROM absurd.\"r_imaging\" WHERE task_id = '" + expired + "'"),
                "fail_run's retry policy gave the task a new run");
        String state = f.value("SELECT state FROM absurd.\"t_imaging\" WHERE task_id = '" + expired + "'");
        assertTrue(state.equals("pending") || state.equals("sleeping"), "retried, not given up: " + state);
    }

    @Test
    void aTableThatAlmostMatchesAbsurdIsANearMiss() {
        f.db.execute("ALTER TABLE absurd.\"t_imaging\" DROP COLUMN cancelled_at");
        JsonNode problem = f.cli("detect").json().at("/problems/0");
        assertEquals("absurd", problem.get("profile").asText(), problem.toString());
        assertEquals("absurd.t_imaging", problem.get("where").asText());
        assertTrue(problem.get("message").asText().contains("missing column cancelled_at"), problem.toString());
    }

    @Test
    void absurdBefore020HasNoRetryTaskSoRetryIsNotOfferedAndThePreviewSaysWhy() {
        f.db.execute("DROP FUNCTION absurd.retry_task(text, uuid, jsonb)");
        String task = spawn("calibrate", 1);
        f.value("SELECT absurd.fail_run('" + Q + "', (SELECT run_id FROM absurd.claim_task('" + Q + "', 'w', 30, 1)), '{\"message\": \"boom\"}')");
        assertEquals("failed", f.value("SELECT state FROM absurd.\"t_imaging\" WHERE task_id = '" + task + "'"));

        JsonNode detect = f.cli("detect").json();
        assertEquals(0, detect.get("broken").size(), "a missing optional procedure does not break the profile: " + detect);
        assertTrue(detect.at("/profiles/0/notOffered/retry").asText().contains("absurd.retry_task()"), detect.toString());

        ActionFixture.Run dryRun = act("retry", "--dry-run");
        assertEquals(3, dryRun.exitCode(), dryRun.out() + dryRun.err());
        assertTrue(dryRun.err().contains("not offered for this database")
                && dryRun.err().contains("calls absurd.retry_task(), which this database does not have"), dryRun.err());
        assertEquals(0, act("cancel", "--task", spawn("image", 1), "--yes").exitCode(), "the other actions still run");
    }
}
