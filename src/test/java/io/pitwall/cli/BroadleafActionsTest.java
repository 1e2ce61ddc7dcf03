package io.pitwall.cli;

import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BroadleafActionsTest {

    private ActionFixture f;

    @BeforeEach
    void seed() {
        f = new ActionFixture("broadleaf");
        f.db.execute("""
                INSERT INTO blc_registered_node (node_key, node_type, last_heartbeat) VALUES
                  ('admin1:8443', 'ADMIN', now()), ('site1:8080', 'SITE', now()), ('dead:8443', 'ADMIN', now() - interval '1 hour');
                INSERT INTO blc_serial_event_lock (key_val, lock_val, date_updated, node_key) VALUES
                  ('SCHEDULED_DEPLOY', 1, now() - interval '5 minutes', 'dead:8443'),
                  ('SOLR_INDEX', 1, now() - interval '5 minutes', 'admin1:8443'),
                  ('CACHE_FLUSH', 0, now(), NULL);
                INSERT INTO blc_sched_job_master (sched_job_master_id, node_key, date_updated) VALUES
                  (1, 'site1:8080', now()), (2, 'site1:8080', now());
                INSERT INTO blc_sndbx_wrkflw_deploy (workflow_deployment_id, status) VALUES
                  (15880, 'PENDING'), (15931, 'IN_PROCESS'), (15990, 'COMPLETE'), (16000, 'PENDING');
                INSERT INTO blc_process_status (process_status_id, execution_id, name, version) VALUES (-100, 16000, 'SCHEDULED_DEPLOY', 1);
                """);
    }

    private ActionFixture.Run act(String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "broadleaf", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    @Test
    void releaseSerialLockOnlyFromADeadHolder() {
        ActionFixture.Run live = act("release-serial-lock", "--task", "SOLR_INDEX", "--yes");
        assertEquals(3, live.exitCode());
        assertTrue(live.json().get("skipped").get(0).get("reason").asText().contains("live registered node"));
        assertEquals(3, act("release-serial-lock", "--task", "CACHE_FLUSH", "--yes").exitCode(), "not held");
        ActionFixture.Run run = act("release-serial-lock", "--all", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.json().get("applied").asInt());
        assertEquals("0", f.value("SELECT lock_val FROM blc_serial_event_lock WHERE key_val = 'SCHEDULED_DEPLOY'"));
        assertEquals("1", f.value("SELECT lock_val FROM blc_serial_event_lock WHERE key_val = 'SOLR_INDEX'"));
    }

    @Test
    void reelectMasterDeletesOnlyAnInvalidMaster() {
        assertEquals(3, act("reelect-master", "--task", "1", "--yes").exitCode(), "a live SITE node is a valid job master");
        ActionFixture.Run run = act("reelect-master", "--all", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.json().get("applied").asInt(), "a SITE node cannot be the deployment master");
        assertEquals("1", f.value("SELECT count(*) FROM blc_sched_job_master"));
        assertEquals("1", f.value("SELECT sched_job_master_id FROM blc_sched_job_master"));
    }

    @Test
    void stuckMasterRowsComeFromTheProfilesStuckRules() {
        ActionFixture.Run run = act("reelect-master", "--stuck", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.json().get("matched").asInt(), "the master-not-registered rule finds only the deployment master");
        assertEquals(1, run.json().get("applied").asInt());
        assertEquals("1", f.value("SELECT sched_job_master_id FROM blc_sched_job_master"));
    }

    @Test
    void kickstartInsertsNegativeIdsThatDoNotExistYet() {
        String before = f.snapshot("public.blc_process_status");
        assertEquals(2, act("kickstart-deployment", "--dry-run").json().get("matched").asInt());
        assertEquals(before, f.snapshot("public.blc_process_status"));
        assertEquals(3, act("kickstart-deployment", "--task", "15990", "--yes").exitCode(), "COMPLETE");
        assertEquals(3, act("kickstart-deployment", "--task", "16000", "--yes").exitCode(), "already has a row");
        ActionFixture.Run run = act("kickstart-deployment", "--all", "--yes");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, run.json().get("applied").asInt());
        assertEquals("-101", f.value("SELECT process_status_id FROM blc_process_status WHERE execution_id = 15880"));
        assertEquals("-102", f.value("SELECT process_status_id FROM blc_process_status WHERE execution_id = 15931"));
        assertEquals("APPROVAL_PROCESS_TYPE", f.value("SELECT execution_type FROM blc_process_status WHERE execution_id = 15931"));
    }
}
