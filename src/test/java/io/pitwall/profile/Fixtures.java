package io.pitwall.profile;

/**
 * Small hand-written fixtures, one per built-in profile, taken from fixture-schemas.md (not from the demo).
 * Each comment lists the canonical counts the rows must give; the tests assert exactly those.
 */
final class Fixtures {

    private Fixtures() {
    }

    /** RUNNING 2 (Renew 1, Provision 1), CANCELLED 1 (Update), SUCCEEDED 2 (Provision 1, Deprovision 1), FAILED 1 (Renew). */
    static final String CLOUDGOV = """
            CREATE TABLE service_instance (id varchar PRIMARY KEY, instance_type varchar, domain_names jsonb,
                                           created_at timestamptz, deactivated_at timestamptz);
            CREATE TABLE operation (id serial PRIMARY KEY,
                                    service_instance_id varchar NOT NULL REFERENCES service_instance (id),
                                    state varchar NOT NULL DEFAULT 'in progress', action varchar NOT NULL,
                                    canceled_at timestamptz, step_description varchar,
                                    created_at timestamptz DEFAULT now(), updated_at timestamptz);
            INSERT INTO service_instance (id, instance_type) VALUES ('si-1', 'cdn_service_instance'),
                                                                    ('si-2', 'alb_service_instance');
            INSERT INTO operation (service_instance_id, state, action, canceled_at, updated_at) VALUES
              ('si-1', 'in progress', 'Renew', NULL, now() - interval '20 minutes'),
              ('si-2', 'in progress', 'Provision', NULL, NULL),
              ('si-2', 'in progress', 'Update', now() - interval '4 minutes', now() - interval '30 minutes'),
              ('si-1', 'succeeded', 'Provision', NULL, now() - interval '2 days'),
              ('si-2', 'succeeded', 'Deprovision', NULL, now() - interval '1 day'),
              ('si-1', 'failed', 'Renew', NULL, now() - interval '3 hours');
            """;

    /** DSA-110's one-table queue. QUEUED 2, RUNNING 2, SUCCEEDED 1, FAILED 1, CANCELLED 1. */
    static final String DSA110 = """
            CREATE SCHEMA absurd;
            CREATE TABLE absurd.queues (queue_name text PRIMARY KEY, created_at timestamptz DEFAULT now(), description text);
            CREATE TABLE absurd.t_tasks (task_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                queue_name text REFERENCES absurd.queues (queue_name), task_name text, params jsonb,
                priority int DEFAULT 0, status text DEFAULT 'pending', created_at timestamptz DEFAULT now(),
                claimed_at timestamptz, completed_at timestamptz, worker_id text, result jsonb, error text,
                retry_count int DEFAULT 0, max_retries int DEFAULT 3, timeout_sec int DEFAULT 3600,
                last_heartbeat timestamptz);
            INSERT INTO absurd.queues (queue_name) VALUES ('dsa110-pipeline');
            INSERT INTO absurd.t_tasks (queue_name, task_name, params, status, worker_id, claimed_at, last_heartbeat, error)
            VALUES ('dsa110-pipeline', 'convert-uvh5', '{"group_id": "g1"}', 'pending', NULL, NULL, NULL, NULL),
                   ('dsa110-pipeline', 'imaging', '{"group_id": "g1"}', 'pending', NULL, NULL, NULL, NULL),
                   ('dsa110-pipeline', 'imaging', '{"group_id": "g2"}', 'claimed', 'lxd110h17-3f9a2c1e', now(), now(), NULL),
                   ('dsa110-pipeline', 'mosaic', '{"group_id": "g3"}', 'claimed', 'lxd110h16-9c0e11aa',
                    now() - interval '3 hours', now() - interval '2 hours', NULL),
                   ('dsa110-pipeline', 'convert-uvh5', '{"group_id": "g2"}', 'completed', NULL, NULL, NULL, NULL),
                   ('dsa110-pipeline', 'calibration-solve', '{"group_id": "g3"}', 'failed', NULL, NULL, NULL,
                    'ValueError: No calibrator registered for Dec +41.2 deg'),
                   ('dsa110-pipeline', 'validation', '{"group_id": "g4"}', 'cancelled', NULL, NULL, NULL, NULL);
            """;

    /**
     * Real Absurd with two queues, one whose name needs quoting. Queue "default": QUEUED 1, SCHEDULED 1, RUNNING 1,
     * SUCCEEDED 2; queue "dsa110-pipeline": FAILED 1, CANCELLED 1. A registered queue with no tables is ignored.
     */
    static final String ABSURD = """
            CREATE SCHEMA absurd;
            CREATE TABLE absurd.queues (queue_name text PRIMARY KEY, storage_mode text DEFAULT 'unpartitioned',
                                        created_at timestamptz DEFAULT now());
            """ + absurdQueue("default") + absurdQueue("dsa110-pipeline") + """
            INSERT INTO absurd.queues (queue_name) VALUES ('default'), ('dsa110-pipeline'), ('never-created');
            INSERT INTO absurd."t_default" (task_id, task_name, params, state, attempts) VALUES
              ('00000000-0000-7000-8000-000000000001', 'send-email', '{}', 'pending', 1),
              ('00000000-0000-7000-8000-000000000002', 'send-email', '{}', 'sleeping', 2),
              ('00000000-0000-7000-8000-000000000003', 'imaging', '{}', 'running', 1),
              ('00000000-0000-7000-8000-000000000004', 'imaging', '{}', 'completed', 1),
              ('00000000-0000-7000-8000-000000000005', 'send-email', '{}', 'completed', 3);
            INSERT INTO absurd."r_default" (run_id, task_id, attempt, state, claimed_by, claim_expires_at, available_at)
            VALUES ('00000000-0000-7000-8000-0000000000a3', '00000000-0000-7000-8000-000000000003', 1, 'running',
                    'host:42', now() - interval '1 minute', now() - interval '5 minutes');
            UPDATE absurd."t_default" SET last_attempt_run = '00000000-0000-7000-8000-0000000000a3'
             WHERE task_id = '00000000-0000-7000-8000-000000000003';
            INSERT INTO absurd."t_dsa110-pipeline" (task_id, task_name, params, state, attempts, cancelled_at) VALUES
              ('00000000-0000-7000-8000-000000000011', 'calibration-solve', '{}', 'failed', 3, NULL),
              ('00000000-0000-7000-8000-000000000012', 'mosaic', '{}', 'cancelled', 1, now());
            """;

    static String absurdQueue(String queue) {
        return """
                CREATE TABLE absurd."t_%1$s" (task_id uuid PRIMARY KEY, task_name text NOT NULL, params jsonb NOT NULL,
                    headers jsonb, retry_strategy jsonb, max_attempts int, cancellation jsonb,
                    enqueue_at timestamptz NOT NULL DEFAULT now(), first_started_at timestamptz,
                    state text NOT NULL CHECK (state IN ('pending', 'running', 'sleeping', 'completed', 'failed', 'cancelled')),
                    attempts int NOT NULL DEFAULT 0, last_attempt_run uuid, completed_payload jsonb,
                    cancelled_at timestamptz, idempotency_key text UNIQUE);
                CREATE TABLE absurd."r_%1$s" (run_id uuid PRIMARY KEY, task_id uuid NOT NULL, attempt int NOT NULL,
                    state text NOT NULL, claimed_by text, claim_expires_at timestamptz, available_at timestamptz NOT NULL,
                    wake_event text, event_payload jsonb, started_at timestamptz, completed_at timestamptz,
                    failed_at timestamptz, result jsonb, failure_reason jsonb, created_at timestamptz DEFAULT now());
                CREATE TABLE absurd."c_%1$s" (task_id uuid, checkpoint_name text, state jsonb,
                    status text DEFAULT 'committed', owner_run_id uuid, updated_at timestamptz DEFAULT now(),
                    PRIMARY KEY (task_id, checkpoint_name));
                CREATE TABLE absurd."e_%1$s" (event_name text PRIMARY KEY, payload jsonb, emitted_at timestamptz);
                CREATE TABLE absurd."w_%1$s" (run_id uuid, step_name text, task_id uuid, event_name text,
                    timeout_at timestamptz, created_at timestamptz DEFAULT now(), PRIMARY KEY (run_id, step_name));
                """.formatted(queue);
    }

    /** Broadleaf, all in public. QUEUED 2, RUNNING 1, SUCCEEDED 2, FAILED 1 (one kind, "sandbox deployment"). */
    static final String BROADLEAF = """
            CREATE TABLE blc_serial_event_lock (key_val varchar PRIMARY KEY, lock_val int, date_updated timestamptz,
                                                node_key varchar);
            CREATE TABLE blc_registered_node (node_key varchar PRIMARY KEY, node_type varchar, registered_at timestamptz,
                                              last_heartbeat timestamptz);
            CREATE TABLE blc_sched_job_master (sched_job_master_id int PRIMARY KEY, node_key varchar,
                                               date_updated timestamptz);
            CREATE TABLE blc_process_status (process_status_id bigint PRIMARY KEY, description varchar,
                execution_id bigint, execution_type varchar, friendly_name varchar, is_archived boolean,
                is_paused boolean, last_updated timestamptz, name varchar, percent_complete int, process_id bigint,
                version int);
            CREATE TABLE blc_sndbx_wrkflw_deploy (workflow_deployment_id bigint PRIMARY KEY, status varchar,
                                                  deploy_date timestamptz);
            CREATE TABLE blc_sndbx_wrkflw_event (workflow_event_id bigint PRIMARY KEY, workflow_deploy_id bigint,
                                                 action_type varchar, setup_status int);
            CREATE TABLE blc_sndbx_wrkflw_event_item (event_id bigint, item_id bigint);
            CREATE TABLE blc_sndbx_wrkflw_item (wrkflw_sndbx_item_id bigint PRIMARY KEY, grp_description varchar,
                scheduled_date timestamptz, archived_flag boolean, container_id bigint);
            INSERT INTO blc_registered_node VALUES ('admin-1:8444', 'ADMIN', now() - interval '1 day', now());
            INSERT INTO blc_sched_job_master VALUES (1, 'admin-1:8444', now()), (2, 'admin-1:8444', now());
            INSERT INTO blc_serial_event_lock VALUES ('SCHEDULED_DEPLOY', 1, now(), 'admin-1:8444');
            INSERT INTO blc_sndbx_wrkflw_deploy VALUES (15880, 'PENDING', now() - interval '2 hours'),
                (15931, 'PENDING', now() - interval '1 hour'), (15940, 'IN_PROCESS', now() - interval '5 minutes'),
                (15001, 'COMPLETE', now() - interval '1 day'), (15002, 'COMPLETE', now() - interval '20 hours'),
                (15003, 'FAILED', now() - interval '10 hours');
            INSERT INTO blc_sndbx_wrkflw_event VALUES (1, 15940, 'DEPLOY', 200), (2, 15880, 'DEPLOY', 100);
            INSERT INTO blc_process_status (process_status_id, description, execution_id, execution_type, last_updated,
                                            name, percent_complete, process_id, version)
            VALUES (1, NULL, 15940, 'APPROVAL_PROCESS_TYPE', now(), 'SCHEDULED_DEPLOY', 50, 1, 1),
                   (2, 'duplicate key value violates unique constraint', 15003, 'APPROVAL_PROCESS_TYPE', now(),
                    'SCHEDULED_DEPLOY', 50, 2, 1);
            """;

    /** Permanent in the given schema. QUEUED 3, RUNNING 3, PAUSED 1, SUCCEEDED 3, FAILED 1, CANCELLED 1. */
    static String permanent(String schema) {
        return """
                CREATE SCHEMA IF NOT EXISTS %1$s;
                CREATE TABLE %1$s.record (recordid bigint PRIMARY KEY, archiveid bigint, displayname text, type text,
                    status text NOT NULL, uploadaccountid bigint, createddt timestamptz DEFAULT now(),
                    updateddt timestamptz, processeddt timestamptz);
                INSERT INTO %1$s.record (recordid, type, status) VALUES
                  (1, 'type.record.image', 'status.record.uploaded'),
                  (2, 'type.record.image', 'status.record.needs_processing'),
                  (3, 'type.record.video', 'status.record.needs_converting'),
                  (4, 'type.record.image', 'status.record.processing'),
                  (5, 'type.record.video', 'status.record.converting'),
                  (6, 'type.record.document', 'status.record.reprocessing'),
                  (7, 'type.record.video', 'status.generic.manual_review'),
                  (8, 'type.record.image', 'status.generic.ok'),
                  (9, 'type.record.document', 'status.generic.ok'),
                  (10, 'type.record.image', 'status.record.only_meta'),
                  (11, 'type.record.document', 'status.generic.error'),
                  (12, 'type.record.image', 'status.generic.deleted');
                """.formatted(schema);
    }

    /** The runbook's shithub jobs. QUEUED 2, RUNNING 2, PAUSED 1, SUCCEEDED 1, FAILED 1. */
    static String shithubRunbook(String schema) {
        return """
                CREATE SCHEMA IF NOT EXISTS %1$s;
                CREATE TABLE %1$s.jobs (id bigserial PRIMARY KEY, kind text, payload jsonb, state text,
                    leased_by text, leased_at timestamptz, attempts int DEFAULT 0, last_error text,
                    run_at timestamptz DEFAULT now(), created_at timestamptz DEFAULT now(),
                    updated_at timestamptz DEFAULT now());
                INSERT INTO %1$s.jobs (kind, state, leased_by, leased_at) VALUES
                  ('repo.push', 'queued', NULL, NULL), ('search.reindex', 'queued', NULL, NULL),
                  ('repo.push', 'processing', 'web-1:4242', now()),
                  ('search.reindex', 'processing', 'web-2:17', now() - interval '11 minutes'),
                  ('search.reindex', 'paused', NULL, NULL),
                  ('repo.push', 'completed', NULL, NULL), ('repo.push', 'failed', NULL, NULL);
                """.formatted(schema);
    }

    /**
     * Migration 0018's jobs, state derived from timestamps. QUEUED 2, SCHEDULED 1, RUNNING 2, SUCCEEDED 2, FAILED 1;
     * a row with both completed_at and failed_at counts as completed, the admin queries' order.
     */
    static String shithub0018(String schema) {
        return """
                CREATE SCHEMA IF NOT EXISTS %1$s;
                CREATE TABLE %1$s.jobs (id bigserial PRIMARY KEY, kind text NOT NULL, payload jsonb NOT NULL DEFAULT '{}',
                    run_at timestamptz NOT NULL DEFAULT now(), attempts int NOT NULL DEFAULT 0,
                    max_attempts int NOT NULL DEFAULT 5, last_error text, locked_by text, locked_at timestamptz,
                    completed_at timestamptz, failed_at timestamptz, created_at timestamptz DEFAULT now());
                INSERT INTO %1$s.jobs (kind, run_at, locked_by, locked_at, completed_at, failed_at) VALUES
                  ('push:process', now() - interval '1 minute', NULL, NULL, NULL, NULL),
                  ('repo:index_code', now(), NULL, NULL, NULL, NULL),
                  ('repo:index_code', now() + interval '10 minutes', NULL, NULL, NULL, NULL),
                  ('push:process', now(), 'git-1:100', now(), NULL, NULL),
                  ('repo:index_code', now(), 'git-2:200', now() - interval '9 minutes', NULL, NULL),
                  ('push:process', now(), NULL, NULL, now(), NULL),
                  ('push:process', now(), NULL, NULL, now(), now()),
                  ('notify:fanout', now(), NULL, NULL, NULL, now());
                """.formatted(schema);
    }
}
