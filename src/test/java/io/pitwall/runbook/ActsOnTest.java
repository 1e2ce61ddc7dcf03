package io.pitwall.runbook;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.testing.TestSessions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The confirm dialog names the table an action changes. Broadleaf's lock release changes
 * blc_serial_event_lock; its subtitle once named the deployments table the profile's tasks live in.
 */
class ActsOnTest {

    @Test
    void anActionOnAnotherTableNamesThatTableAndATaskActionTheTaskTable() throws Exception {
        ActionFixture f = new ActionFixture("broadleaf");
        f.db.execute("""
                INSERT INTO blc_registered_node (node_key, node_type, last_heartbeat) VALUES
                  ('dead:8443', 'ADMIN', now() - interval '1 hour');
                INSERT INTO blc_serial_event_lock (key_val, lock_val, date_updated, node_key) VALUES
                  ('SCHEDULED_DEPLOY', 1, now() - interval '5 minutes', 'dead:8443');
                INSERT INTO blc_sndbx_wrkflw_deploy (workflow_deployment_id, status) VALUES (15880, 'PENDING');
                """);
        try (MonitorSession session = TestSessions.builtIn(f.db.url())) {
            Runbook runbook = new Runbook(session);
            ActionPreview lock = runbook.preview(new ActionRequest("broadleaf", "release-serial-lock",
                    List.of("SCHEDULED_DEPLOY"), null, null, false, Map.of(), "test")).getFirst();
            assertEquals("public.blc_serial_event_lock", lock.actsOn());
            assertEquals("public.blc_sndbx_wrkflw_deploy", lock.binding().where(), "the profile's task table differs");
            ActionPreview kick = runbook.preview(new ActionRequest("broadleaf", "kickstart-deployment",
                    List.of("15880"), null, null, false, Map.of(), "test")).getFirst();
            assertEquals("public.blc_sndbx_wrkflw_deploy", kick.actsOn());
        }
    }
}
