package io.pitwall.cli;

import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Absurd with two queues (the demo's absurd.sql, written from earendil-works/absurd sql/absurd.sql at
 * 9b77b356): the profile's title is not one queue's, and stuck, failed and timeline lines say what they are.
 */
class MultiQueueOutputTest {

    @Test
    void titlesQueuesAndOpenSpansReadRight() {
        ActionFixture f = new ActionFixture("absurd");
        f.db.execute("SELECT absurd.create_queue('default'); SELECT absurd.create_queue('imaging')");
        String stuck = f.value("SELECT task_id FROM absurd.spawn_task('imaging', 'calibrate', '{}', '{\"max_attempts\": 1}'::jsonb)");
        f.value("SELECT run_id FROM absurd.claim_task('imaging', 'host-1:1', 30, 1)");
        f.db.execute("UPDATE absurd.\"r_imaging\" SET claim_expires_at = now() - interval '3 minutes'");
        f.value("SELECT absurd.fail_run('default', (SELECT run_id FROM absurd.claim_task('default', 'w', 30, 1)), '{\"message\": \"disk full\"}') "
                + "FROM absurd.spawn_task('default', 'send', '{}', '{\"max_attempts\": 1}'::jsonb)");
        String queued = f.value("SELECT task_id FROM absurd.spawn_task('default', 'send', '{}', '{}'::jsonb)");

        String title = f.cli("status", "--profile", "absurd").json().at("/profiles/0/title").asText();
        assertEquals("Absurd durable workflows", title);

        ActionFixture.Run stuckText = ActionFixture.offline("stuck", "--profile", "absurd", "--url", f.db.url());
        assertTrue(stuckText.out().contains(stuck) && stuckText.out().contains("[absurd.t_imaging]"), stuckText.out());

        ActionFixture.Run failedText = ActionFixture.offline("failed", "--profile", "absurd", "--url", f.db.url());
        assertTrue(failedText.out().contains("[default] disk full"), failedText.out());
        assertEquals("default", f.cli("failed", "--profile", "absurd").json().at("/profiles/0/failed/0/queue").asText());

        ActionFixture.Run timeline = ActionFixture.offline("timeline", "--profile", "absurd", "--pipeline", queued,
                "--url", f.db.url());
        assertTrue(timeline.out().contains("QUEUED"), timeline.out());
        assertFalse(timeline.out().contains("running"), "a queued task is not running: " + timeline.out());
    }
}
