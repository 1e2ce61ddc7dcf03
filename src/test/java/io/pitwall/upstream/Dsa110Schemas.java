package io.pitwall.upstream;

/**
 * DSA-110's two queue schemas, written for these tests from the facts of dsa110/dsa110-contimg (not copied):
 * <ul>
 *   <li>{@link #CURRENT}: backend/src/dsa110_contimg/absurd/schema.sql at 5208d8cc (introduced in 2158a6da):
 *       {@code absurd.tasks}, status CHECK (pending, claimed, completed, failed, cancelled, retrying), {@code attempt}
 *       counted up by claim_task, no heartbeat column; fail_task marks a claimed task failed; cancel_task cancels
 *       pending or retrying tasks; retry_task sends failed or cancelled tasks back to pending while
 *       attempt &lt; max_retries, clearing worker_id, claimed_at and error.</li>
 *   <li>{@link #V1}: src/dsa110_contimg/scripts/absurd/absurd.sql at 07275225: {@code absurd.t_tasks} with
 *       {@code retry_count} and {@code last_heartbeat}; fail_task sends the task back to pending while
 *       retry_count &lt; max_retries, else fails it, and counts retry_count up either way.</li>
 * </ul>
 */
public final class Dsa110Schemas {

    private Dsa110Schemas() {
    }

    public static final String CURRENT = """
            CREATE SCHEMA IF NOT EXISTS absurd;
            CREATE TABLE absurd.tasks (
                task_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                queue_name text NOT NULL, task_name text NOT NULL, params jsonb NOT NULL DEFAULT '{}',
                priority integer NOT NULL DEFAULT 0, timeout_sec integer,
                status text NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'claimed', 'completed', 'failed', 'cancelled', 'retrying')),
                worker_id text, attempt integer NOT NULL DEFAULT 0, max_retries integer NOT NULL DEFAULT 3,
                result jsonb, error text,
                created_at timestamptz NOT NULL DEFAULT now(), claimed_at timestamptz, completed_at timestamptz,
                wait_time_sec double precision, execution_time_sec double precision);
            CREATE FUNCTION absurd.spawn_task(p_queue text, p_name text, p_params jsonb, p_priority int DEFAULT 0,
                                              p_timeout int DEFAULT NULL, p_max_retries int DEFAULT 3)
            RETURNS uuid LANGUAGE sql AS $$
                INSERT INTO absurd.tasks (queue_name, task_name, params, priority, timeout_sec, max_retries, status)
                VALUES (p_queue, p_name, p_params, p_priority, p_timeout, p_max_retries, 'pending') RETURNING task_id $$;
            CREATE FUNCTION absurd.claim_task(p_queue text, p_worker text) RETURNS uuid LANGUAGE sql AS $$
                UPDATE absurd.tasks t SET status = 'claimed', worker_id = p_worker, claimed_at = now(), attempt = t.attempt + 1
                 WHERE t.task_id = (SELECT t2.task_id FROM absurd.tasks t2 WHERE t2.queue_name = p_queue
                                      AND t2.status = 'pending' ORDER BY t2.priority DESC, t2.created_at
                                      LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING t.task_id $$;
            CREATE FUNCTION absurd.complete_task(p_id uuid, p_result jsonb) RETURNS boolean LANGUAGE sql AS $$
                WITH u AS (UPDATE absurd.tasks SET status = 'completed', result = p_result, completed_at = now()
                            WHERE task_id = p_id AND status = 'claimed' RETURNING 1)
                SELECT count(*) > 0 FROM u $$;
            CREATE FUNCTION absurd.fail_task(p_id uuid, p_error text) RETURNS boolean LANGUAGE sql AS $$
                WITH u AS (UPDATE absurd.tasks SET status = 'failed', error = p_error, completed_at = now()
                            WHERE task_id = p_id AND status = 'claimed' RETURNING 1)
                SELECT count(*) > 0 FROM u $$;
            CREATE FUNCTION absurd.cancel_task(p_id uuid) RETURNS boolean LANGUAGE sql AS $$
                WITH u AS (UPDATE absurd.tasks SET status = 'cancelled', completed_at = now()
                            WHERE task_id = p_id AND status IN ('pending', 'retrying') RETURNING 1)
                SELECT count(*) > 0 FROM u $$;
            CREATE FUNCTION absurd.retry_task(p_id uuid) RETURNS boolean LANGUAGE sql AS $$
                WITH u AS (UPDATE absurd.tasks SET status = 'pending', worker_id = NULL, claimed_at = NULL, error = NULL
                            WHERE task_id = p_id AND status IN ('failed', 'cancelled') AND attempt < max_retries
                            RETURNING 1)
                SELECT count(*) > 0 FROM u $$;
            """;

    public static final String V1 = """
            CREATE SCHEMA IF NOT EXISTS absurd;
            CREATE TABLE absurd.queues (queue_name text PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE absurd.t_tasks (
                task_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                queue_name text NOT NULL REFERENCES absurd.queues (queue_name), task_name text NOT NULL,
                params jsonb NOT NULL DEFAULT '{}', priority integer NOT NULL DEFAULT 0,
                status text NOT NULL DEFAULT 'pending', created_at timestamptz NOT NULL DEFAULT now(),
                claimed_at timestamptz, completed_at timestamptz, worker_id text, result jsonb, error text,
                retry_count integer NOT NULL DEFAULT 0, max_retries integer NOT NULL DEFAULT 3,
                timeout_sec integer NOT NULL DEFAULT 3600, last_heartbeat timestamptz);
            CREATE FUNCTION absurd.claim_task(p_queue text, p_worker text) RETURNS uuid LANGUAGE sql AS $$
                UPDATE absurd.t_tasks SET status = 'claimed', worker_id = p_worker, claimed_at = now(), last_heartbeat = now()
                 WHERE task_id = (SELECT task_id FROM absurd.t_tasks WHERE queue_name = p_queue AND status = 'pending'
                                   ORDER BY priority DESC, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING task_id $$;
            CREATE FUNCTION absurd.fail_task(p_id uuid, p_error text) RETURNS void LANGUAGE sql AS $$
                UPDATE absurd.t_tasks
                   SET status = CASE WHEN retry_count < max_retries THEN 'pending' ELSE 'failed' END,
                       completed_at = CASE WHEN retry_count < max_retries THEN NULL ELSE now() END,
                       error = p_error, retry_count = retry_count + 1, claimed_at = NULL, worker_id = NULL
                 WHERE task_id = p_id $$;
            INSERT INTO absurd.queues (queue_name) VALUES ('dsa110-pipeline');
            """;
}
