package io.pitwall.monitor;

import io.pitwall.testing.TestSessions;

import io.pitwall.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Known pipelines with fixed times in the demo schemas, so tests can check every span exactly. */
public final class PipelineFixtures {

    private PipelineFixtures() {
    }

    public static MonitorSession session(TestDatabase db) throws Exception {
        return TestSessions.builtIn(db.url());
    }

    public static void schema(TestDatabase db, String profileId) {
        try (InputStream in = PipelineFixtures.class.getResourceAsStream("/io/pitwall/demo/" + profileId + ".sql")) {
            db.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Instance si-1: a provision that succeeded, a renew that failed, an update in progress, a cancelled one. */
    public static void cloudgov(TestDatabase db) {
        schema(db, "cloudgov-broker");
        db.execute("""
                INSERT INTO service_instance (id, instance_type) VALUES ('si-1', 'cdn_service_instance'),
                                                                       ('si-2', 'alb_service_instance');
                INSERT INTO operation (id, service_instance_id, state, action, created_at, updated_at, canceled_at) VALUES
                  (1, 'si-1', 'succeeded',   'Provision', '2026-01-01 10:00+00', '2026-01-01 10:05+00', NULL),
                  (2, 'si-1', 'failed',      'Renew',     '2026-01-01 11:00+00', '2026-01-01 11:02+00', NULL),
                  (3, 'si-1', 'in progress', 'Update',    '2026-01-01 12:00+00', '2026-01-01 12:01+00', NULL),
                  (4, 'si-1', 'in progress', 'Update',    '2026-01-01 09:00+00', '2026-01-01 09:30+00', '2026-01-01 09:40+00'),
                  (5, 'si-2', 'succeeded',   'Provision', '2026-01-01 10:00+00', '2026-01-01 10:01+00', NULL);
                """);
    }

    /** Group G1: converted, calibration failed for good, imaging claimed, a mosaic pending. */
    public static void dsa110(TestDatabase db) {
        schema(db, "dsa110-absurd");
        db.execute("""
                INSERT INTO absurd.t_tasks (task_id, queue_name, task_name, params, status, created_at, claimed_at,
                                            completed_at, worker_id, error, retry_count) VALUES
                  ('00000000-0000-0000-0000-000000000001', 'dsa110-pipeline', 'convert-uvh5', '{"group_id":"G1"}',
                   'completed', '2026-01-01 10:00+00', '2026-01-01 10:01+00', '2026-01-01 10:03+00', 'w1', NULL, 0),
                  ('00000000-0000-0000-0000-000000000002', 'dsa110-pipeline', 'calibration-solve', '{"group_id":"G1"}',
                   'failed', '2026-01-01 10:03+00', NULL, '2026-01-01 10:06+00', NULL,
                   'ValueError: No calibrator registered for Dec +33.1 deg', 3),
                  ('00000000-0000-0000-0000-000000000003', 'dsa110-pipeline', 'imaging', '{"group_id":"G1"}',
                   'claimed', '2026-01-01 10:04+00', '2026-01-01 10:07+00', NULL, 'w2', NULL, 0),
                  ('00000000-0000-0000-0000-000000000004', 'dsa110-pipeline', 'mosaic', '{"group_id":"G1"}',
                   'pending', '2026-01-01 10:08+00', NULL, NULL, NULL, NULL, 0),
                  ('00000000-0000-0000-0000-000000000005', 'dsa110-pipeline', 'mosaic', '{"group_id":"G2"}',
                   'pending', '2026-01-01 10:08+00', NULL, NULL, NULL, NULL, 0);
                """);
    }

    /** Repository 42: a push that completed, a reindex that failed, a reindex queued. */
    public static void shithub(TestDatabase db) {
        schema(db, "shithub");
        db.execute("""
                INSERT INTO shithub.jobs (id, kind, payload, state, leased_by, leased_at, attempts, last_error,
                                          run_at, created_at, updated_at) VALUES
                  (1, 'repo.push', '{"repo_id":42}', 'completed', 'web1:101', '2026-01-01 10:00:10+00', 1, NULL,
                   '2026-01-01 10:00+00', '2026-01-01 10:00+00', '2026-01-01 10:00:40+00'),
                  (2, 'search.reindex', '{"repo_id":42}', 'failed', NULL, NULL, 5, 'index: timeout',
                   '2026-01-01 10:01+00', '2026-01-01 10:01+00', '2026-01-01 10:09+00'),
                  (3, 'search.reindex', '{"repo_id":42}', 'queued', NULL, NULL, 0, NULL,
                   '2026-01-01 10:10+00', '2026-01-01 10:10+00', '2026-01-01 10:10+00'),
                  (4, 'repo.push', '{"repo_id":7}', 'queued', NULL, NULL, 0, NULL,
                   '2026-01-01 10:10+00', '2026-01-01 10:10+00', '2026-01-01 10:10+00');
                """);
    }

    public static final String ABSURD_TASK = "0190a000-0000-7000-8000-000000000001";

    /** Queue media: one task that failed its first run, succeeded its second, and wrote two checkpoints. */
    public static void absurd(TestDatabase db) {
        schema(db, "absurd");
        db.execute("""
                SELECT absurd.create_queue('media');
                INSERT INTO absurd.t_media (task_id, task_name, params, enqueue_at, first_started_at, state, attempts,
                                            last_attempt_run) VALUES
                  ('0190a000-0000-7000-8000-000000000001', 'transcode', '{}', '2026-01-01 09:59+00',
                   '2026-01-01 10:00+00', 'completed', 2, '0190a000-0000-7000-8000-0000000000b2'),
                  ('0190a000-0000-7000-8000-000000000002', 'thumbnail', '{}', '2026-01-01 09:59+00',
                   NULL, 'pending', 1, '0190a000-0000-7000-8000-0000000000c1');
                INSERT INTO absurd.r_media (run_id, task_id, attempt, state, claimed_by, available_at, started_at,
                                            completed_at, failed_at, failure_reason) VALUES
                  ('0190a000-0000-7000-8000-0000000000b1', '0190a000-0000-7000-8000-000000000001', 1, 'failed',
                   'worker-a', '2026-01-01 10:00+00', '2026-01-01 10:00+00', NULL, '2026-01-01 10:02+00',
                   '{"message": "ffmpeg: exit status 1"}'),
                  ('0190a000-0000-7000-8000-0000000000b2', '0190a000-0000-7000-8000-000000000001', 2, 'completed',
                   'worker-b', '2026-01-01 10:05+00', '2026-01-01 10:05+00', '2026-01-01 10:07+00', NULL, NULL),
                  ('0190a000-0000-7000-8000-0000000000c1', '0190a000-0000-7000-8000-000000000002', 1, 'sleeping',
                   NULL, 'infinity', NULL, NULL, NULL, NULL);
                INSERT INTO absurd.c_media (task_id, checkpoint_name, state, owner_run_id, updated_at) VALUES
                  ('0190a000-0000-7000-8000-000000000001', 'probe', '{}', '0190a000-0000-7000-8000-0000000000b2',
                   '2026-01-01 10:06+00'),
                  ('0190a000-0000-7000-8000-000000000001', 'encode', '{}', '0190a000-0000-7000-8000-0000000000b2',
                   '2026-01-01 10:06:30+00');
                """);
    }

    /** Deployment 501 completed through two setup events; 502 is still in process. */
    public static void broadleaf(TestDatabase db) {
        schema(db, "broadleaf");
        db.execute("""
                INSERT INTO blc_sndbx_wrkflw_deploy (workflow_deployment_id, status, deploy_date) VALUES
                  (501, 'COMPLETE', '2026-01-01 10:00+00'), (502, 'IN_PROCESS', '2026-01-01 11:00+00');
                INSERT INTO blc_process_status (process_status_id, execution_id, last_updated, description) VALUES
                  (1, 501, '2026-01-01 10:20+00', 'Deployment complete'), (2, 502, '2026-01-01 11:01+00', 'Deploying');
                INSERT INTO blc_sndbx_wrkflw_event (workflow_event_id, workflow_deploy_id, action_type, setup_status) VALUES
                  (9002, 501, 'PROMOTE', 200), (9001, 501, 'DEPLOY', 100), (9003, 502, 'DEPLOY', 100);
                """);
    }

    /** Record 77: uploaded, processed, then touched once more. */
    public static void permanent(TestDatabase db) {
        schema(db, "permanent");
        db.execute("""
                INSERT INTO perm.record (recordid, type, status, createddt, updateddt, processeddt) VALUES
                  (77, 'type.record.image', 'status.generic.ok', '2026-01-01 10:00+00', '2026-01-01 10:09+00',
                   '2026-01-01 10:04+00'),
                  (78, 'type.record.video', 'status.record.processing', '2026-01-01 10:00+00', '2026-01-01 10:01+00', NULL);
                """);
    }

    /** Repository 42 in the 0018 schema: a completed push, a failed index, a running index. */
    public static void shithub0018(TestDatabase db) {
        schema(db, "shithub-0018");
        db.execute("""
                INSERT INTO shithub0018.jobs (id, kind, payload, run_at, attempts, last_error, locked_by, locked_at,
                                              completed_at, failed_at, created_at) VALUES
                  (1, 'push:process', '{"repo_id": "42"}', '2026-01-01 10:00+00', 1, NULL, NULL,
                   '2026-01-01 10:00:05+00', '2026-01-01 10:00:30+00', NULL, '2026-01-01 10:00+00'),
                  (2, 'repo:index_code', '{"repo_id": "42"}', '2026-01-01 10:01+00', 5, 'index: out of memory', NULL,
                   NULL, NULL, '2026-01-01 10:08+00', '2026-01-01 10:01+00'),
                  (3, 'repo:index_code', '{"repo_id": "42"}', '2026-01-01 10:10+00', 1, NULL, 'web2:77',
                   '2026-01-01 10:10:02+00', NULL, NULL, '2026-01-01 10:10+00'),
                  (4, 'push:process', '{}', '2026-01-01 10:00+00', 0, NULL, NULL, NULL, NULL, NULL, '2026-01-01 10:00+00');
                """);
    }
}
