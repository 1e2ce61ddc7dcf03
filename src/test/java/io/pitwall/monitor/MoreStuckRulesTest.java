package io.pitwall.monitor;

import io.pitwall.queue.StuckItem;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stuck rules of absurd, broadleaf, permanent and shithub-0018, each on both sides of its threshold. */
class MoreStuckRulesTest {

    private final StuckReader reader = new StuckReader();

    private List<StuckItem> stuck(Fixture fixture) throws SQLException {
        return reader.read(fixture.db.dataSource(), fixture.bindings(), List.of(), null);
    }

    private static List<String> ids(List<StuckItem> items, String rule) {
        return items.stream().filter(i -> i.rule().equals(rule)).map(StuckItem::id).sorted().toList();
    }

    private static StuckItem one(List<StuckItem> items, String rule, String id) {
        return items.stream().filter(i -> i.rule().equals(rule) && i.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(rule + " " + id + " not in " + items));
    }

    @Test
    void absurdRunWhoseClaimExpired() throws SQLException {
        Fixture fixture = Fixture.of("absurd");
        fixture.db.execute("""
                SELECT absurd.create_queue('default');
                INSERT INTO absurd."t_default" (task_id, task_name, params, state, attempts) VALUES
                  ('00000000-0000-7000-8000-000000000001', 'send-email', '{}', 'running', 2),
                  ('00000000-0000-7000-8000-000000000002', 'imaging', '{}', 'running', 1),
                  ('00000000-0000-7000-8000-000000000003', 'imaging', '{}', 'completed', 1);
                INSERT INTO absurd."r_default" (run_id, task_id, attempt, state, claimed_by, claim_expires_at, available_at) VALUES
                  ('00000000-0000-7000-8000-0000000000a1', '00000000-0000-7000-8000-000000000001', 2, 'running', 'host-a:42', now() - interval '3 minutes', now() - interval '10 minutes'),
                  ('00000000-0000-7000-8000-0000000000a2', '00000000-0000-7000-8000-000000000002', 1, 'running', 'host-b:43', now() + interval '20 seconds', now() - interval '10 minutes'),
                  ('00000000-0000-7000-8000-0000000000a3', '00000000-0000-7000-8000-000000000003', 1, 'completed', 'host-b:43', now() - interval '1 hour', now() - interval '2 hours');
                """);
        List<StuckItem> items = stuck(fixture);
        assertEquals(List.of("00000000-0000-7000-8000-000000000001"), ids(items, "lease-expired"));
        StuckItem item = items.getFirst();
        assertEquals("send-email", item.kind());
        assertEquals("claim by host-a:42 (attempt 2) expired 3 min ago; reaped only when a worker next claims on this queue;"
                + " fail-expired-claim fails it now as $ClaimTimeout, so its retry policy applies",
                item.evidence());
    }

    @Test
    void broadleafDeploymentWithNoProcessRow() throws SQLException {
        Fixture fixture = Fixture.of("broadleaf");
        fixture.db.execute("""
                INSERT INTO public.blc_sndbx_wrkflw_deploy (workflow_deployment_id, status, deploy_date) VALUES
                  (1, 'PENDING', now() - interval '20 minutes'),
                  (2, 'IN_PROCESS', now() - interval '20 minutes'),
                  (3, 'PENDING', now() - interval '2 minutes'),
                  (4, 'COMPLETE', now() - interval '2 hours');
                INSERT INTO public.blc_process_status (process_status_id, execution_id, last_updated, description)
                VALUES (-1, 2, now(), 'deploying');
                """);
        List<StuckItem> items = stuck(fixture);
        assertEquals(List.of("1"), ids(items, "no-process-row"));
        assertEquals("PENDING for 20 min and no blc_process_status row for it: the deployment master never took it up",
                one(items, "no-process-row", "1").evidence());
    }

    @Test
    void broadleafSerialLockHeldByADeadNodeOrTooLong() throws SQLException {
        Fixture fixture = Fixture.of("broadleaf");
        fixture.db.execute("""
                INSERT INTO public.blc_registered_node (node_key, node_type, last_heartbeat) VALUES
                  ('admin-1:8443', 'ADMIN', now() - interval '5 seconds'),
                  ('site-9:8080', 'SITE', now() - interval '10 minutes');
                INSERT INTO public.blc_serial_event_lock (key_val, lock_val, date_updated, node_key) VALUES
                  ('SCHEDULED_DEPLOY', 1, now() - interval '3 minutes', 'site-9:8080'),
                  ('SCHEDULED_JOB', 1, now() - interval '3 minutes', 'admin-1:8443'),
                  ('OTHER_EVENT', 0, now() - interval '3 hours', 'gone:1'),
                  ('LONG_ONE', 1, now() - interval '45 minutes', 'admin-1:8443');
                """);
        List<StuckItem> items = stuck(fixture);
        assertEquals(List.of("SCHEDULED_DEPLOY"), ids(items, "lock-held-by-dead-node"));
        StuckItem lock = one(items, "lock-held-by-dead-node", "SCHEDULED_DEPLOY");
        assertEquals("lock", lock.object());
        assertEquals("locked by site-9:8080 3 min ago, and site-9:8080 is not a live registered node (no heartbeat in 60 s)",
                lock.evidence());
        assertEquals(List.of("LONG_ONE"), ids(items, "lock-held-too-long"));
    }

    @Test
    void broadleafMasterWhoseNodeIsNotRegistered() throws SQLException {
        Fixture fixture = Fixture.of("broadleaf");
        fixture.db.execute("""
                INSERT INTO public.blc_registered_node (node_key, node_type, last_heartbeat) VALUES
                  ('admin-1:8443', 'ADMIN', now()), ('site-1:8080', 'SITE', now());
                INSERT INTO public.blc_sched_job_master (sched_job_master_id, node_key, date_updated) VALUES
                  (1, 'site-1:8080', now() - interval '1 hour'),
                  (2, 'site-1:8080', now() - interval '1 hour');
                """);
        List<StuckItem> items = stuck(fixture);
        assertEquals(List.of("2"), ids(items, "master-not-registered"), "a SITE node may be job master, not deployment master");
        assertEquals("the deployment master is site-1:8080: a registered node that is not ADMIN (elected 60 min ago)",
                one(items, "master-not-registered", "2").evidence());
        fixture.db.execute("UPDATE public.blc_sched_job_master SET node_key = 'vanished:1' WHERE sched_job_master_id = 1");
        assertEquals("the job master is vanished:1: not a registered node (elected 60 min ago)",
                one(stuck(fixture), "master-not-registered", "1").evidence());
    }

    @Test
    void permanentRecordStalledInProcessing() throws SQLException {
        Fixture fixture = Fixture.of("permanent");
        fixture.db.execute("""
                INSERT INTO perm.record (recordid, type, status, createddt, updateddt) VALUES
                  (1, 'type.record.image', 'status.record.processing', now() - interval '2 hours', now() - interval '40 minutes'),
                  (2, 'type.record.video', 'status.record.converting', now() - interval '2 hours', now() - interval '20 minutes'),
                  (3, 'type.record.image', 'status.record.needs_processing', now() - interval '2 hours', now() - interval '2 hours'),
                  (4, 'type.record.pdf', 'status.record.converting', now() - interval '50 minutes', NULL);
                """);
        List<StuckItem> items = stuck(fixture);
        assertEquals(List.of("1", "4"), ids(items, "stalled"));
        assertEquals("processing and not updated for 40 min (threshold 30 min)", one(items, "stalled", "1").evidence());
    }

    @Test
    void shithub0018LockOlderThanFiveMinutes() throws SQLException {
        Fixture fixture = Fixture.of("shithub-0018");
        fixture.db.execute("""
                INSERT INTO shithub0018.jobs (id, kind, locked_by, locked_at, completed_at) VALUES
                  (1, 'push:process', 'worker-a:4242', now() - interval '8 minutes', NULL),
                  (2, 'push:process', 'worker-b:1', now() - interval '4 minutes', NULL),
                  (3, 'repo:index_code', 'worker-b:1', now() - interval '1 hour', now() - interval '50 minutes');
                """);
        List<StuckItem> items = stuck(fixture);
        assertEquals(List.of("1"), ids(items, "lock-expired"));
        assertTrue(one(items, "lock-expired", "1").evidence().startsWith("locked by worker-a:4242 for 8 min (timeout 5 min)"));
    }
}
