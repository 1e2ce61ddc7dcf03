-- Real Absurd (earendil-works/absurd), per-queue layout (fixture-schemas.md "absurd", schemas.md §2b).
-- Written for Pitwall from the documented behaviour, not copied: enough of the schema and stored procedures
-- for the demo's workers and for Pitwall's actions (absurd.cancel_task, absurd.retry_task) to behave as
-- Absurd's do. Task and run ids are uuid v7, as in Absurd.
--
-- The demo database also holds DSA-110's home-made absurd.t_tasks in this same schema, and both use a
-- registry called absurd.queues; the registry below is Absurd's, extended in place if DSA-110's came first.
CREATE SCHEMA IF NOT EXISTS absurd;

CREATE TABLE IF NOT EXISTS absurd.queues (
    queue_name text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE absurd.queues
    ADD COLUMN IF NOT EXISTS storage_mode text NOT NULL DEFAULT 'unpartitioned',
    ADD COLUMN IF NOT EXISTS cleanup_ttl interval NOT NULL DEFAULT '30 days',
    ADD COLUMN IF NOT EXISTS cleanup_limit int NOT NULL DEFAULT 1000;

-- ensure_queue_tables: t_ tasks, r_ runs (one per attempt), c_ checkpoints, e_ events, w_ waits.
CREATE OR REPLACE FUNCTION absurd.create_queue(p_queue text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF octet_length(p_queue) > 57 THEN
        RAISE EXCEPTION 'queue name "%" is longer than 57 bytes', p_queue;
    END IF;
    EXECUTE format($q$
        CREATE TABLE IF NOT EXISTS absurd.%I (
            task_id          uuid PRIMARY KEY,
            task_name        text NOT NULL,
            params           jsonb NOT NULL DEFAULT '{}',
            headers          jsonb,
            retry_strategy   jsonb,
            max_attempts     int,
            cancellation     jsonb,
            enqueue_at       timestamptz NOT NULL DEFAULT now(),
            first_started_at timestamptz,
            state            text NOT NULL CHECK (state IN ('pending', 'running', 'sleeping', 'completed', 'failed', 'cancelled')),
            attempts         int NOT NULL DEFAULT 1,
            last_attempt_run uuid,
            completed_payload jsonb,
            cancelled_at     timestamptz,
            idempotency_key  text UNIQUE
        )$q$, 't_' || p_queue);
    EXECUTE format($q$
        CREATE TABLE IF NOT EXISTS absurd.%I (
            run_id           uuid PRIMARY KEY,
            task_id          uuid NOT NULL REFERENCES absurd.%I (task_id) ON DELETE CASCADE,
            attempt          int NOT NULL,
            state            text NOT NULL CHECK (state IN ('pending', 'running', 'sleeping', 'completed', 'failed', 'cancelled')),
            claimed_by       text,
            claim_expires_at timestamptz,
            available_at     timestamptz NOT NULL,
            wake_event       text,
            event_payload    jsonb,
            started_at       timestamptz,
            completed_at     timestamptz,
            failed_at        timestamptz,
            result           jsonb,
            failure_reason   jsonb,
            created_at       timestamptz NOT NULL DEFAULT now()
        )$q$, 'r_' || p_queue, 't_' || p_queue);
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON absurd.%I (state, available_at)', 'r_' || p_queue || '_sai', 'r_' || p_queue);
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON absurd.%I (task_id)', 'r_' || p_queue || '_ti', 'r_' || p_queue);
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON absurd.%I (claim_expires_at) WHERE state = ''running''',
                   'r_' || p_queue || '_cei', 'r_' || p_queue);
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON absurd.%I (state)', 't_' || p_queue || '_si', 't_' || p_queue);
    EXECUTE format($q$
        CREATE TABLE IF NOT EXISTS absurd.%I (
            task_id         uuid NOT NULL,
            checkpoint_name text NOT NULL,
            state           jsonb,
            status          text NOT NULL DEFAULT 'committed',
            owner_run_id    uuid,
            updated_at      timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (task_id, checkpoint_name)
        )$q$, 'c_' || p_queue);
    EXECUTE format($q$
        CREATE TABLE IF NOT EXISTS absurd.%I (
            event_name text PRIMARY KEY,
            payload    jsonb,
            emitted_at timestamptz
        )$q$, 'e_' || p_queue);
    EXECUTE format($q$
        CREATE TABLE IF NOT EXISTS absurd.%I (
            run_id     uuid NOT NULL,
            step_name  text NOT NULL,
            task_id    uuid NOT NULL,
            event_name text NOT NULL,
            timeout_at timestamptz,
            created_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (run_id, step_name)
        )$q$, 'w_' || p_queue);
    INSERT INTO absurd.queues (queue_name) VALUES (p_queue) ON CONFLICT DO NOTHING;
END $$;

-- A new task, pending, with its first run.
CREATE OR REPLACE FUNCTION absurd.spawn_task(p_queue text, p_task_name text, p_params jsonb,
                                             p_options jsonb DEFAULT '{}')
RETURNS TABLE (task_id uuid, run_id uuid, attempt int) LANGUAGE plpgsql AS $$
DECLARE
    v_task uuid := uuidv7();
    v_run  uuid := uuidv7();
    v_now  timestamptz := clock_timestamp();
BEGIN
    EXECUTE format($q$
        INSERT INTO absurd.%I (task_id, task_name, params, headers, retry_strategy, max_attempts, cancellation,
                               enqueue_at, state, attempts, last_attempt_run, idempotency_key)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 1, $9, $10)$q$, 't_' || p_queue)
        USING v_task, p_task_name, coalesce(p_params, '{}'), p_options -> 'headers',
              coalesce(p_options -> 'retry_strategy', '{"kind": "exponential", "base_seconds": 30, "factor": 2}'),
              coalesce((p_options ->> 'max_attempts')::int, 5), p_options -> 'cancellation', v_now, v_run,
              p_options ->> 'idempotency_key';
    EXECUTE format($q$
        INSERT INTO absurd.%I (run_id, task_id, attempt, state, available_at, created_at)
        VALUES ($1, $2, 1, 'pending', $3, $3)$q$, 'r_' || p_queue)
        USING v_run, v_task, v_now;
    RETURN QUERY SELECT v_task, v_run, 1;
END $$;

-- Marks a run failed; retries in a new run while attempts remain (after the retry strategy's delay),
-- otherwise fails the task. A task past its max_duration is cancelled instead.
CREATE OR REPLACE FUNCTION absurd.fail_run(p_queue text, p_run_id uuid, p_reason jsonb,
                                           p_retry_at timestamptz DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_now     timestamptz := clock_timestamp();
    v_run     record;
    v_task    record;
    v_delay   double precision;
    v_next    uuid;
    v_at      timestamptz;
    v_state   text;
BEGIN
    EXECUTE format('SELECT task_id, attempt, state FROM absurd.%I WHERE run_id = $1 FOR UPDATE', 'r_' || p_queue)
        INTO v_run USING p_run_id;
    IF v_run IS NULL THEN
        RAISE EXCEPTION 'run % not found in queue %', p_run_id, p_queue;
    ELSIF v_run.state = 'cancelled' THEN
        RAISE EXCEPTION 'task was cancelled' USING ERRCODE = 'AB001';
    ELSIF v_run.state NOT IN ('running', 'sleeping', 'pending') THEN
        RAISE EXCEPTION 'run % is already %', p_run_id, v_run.state USING ERRCODE = 'AB002';
    END IF;
    EXECUTE format($q$
        UPDATE absurd.%I SET state = 'failed', failed_at = $2, failure_reason = $3, claim_expires_at = NULL
         WHERE run_id = $1$q$, 'r_' || p_queue)
        USING p_run_id, v_now, p_reason;
    EXECUTE format('SELECT max_attempts, retry_strategy, cancellation, enqueue_at FROM absurd.%I WHERE task_id = $1 FOR UPDATE',
                   't_' || p_queue) INTO v_task USING v_run.task_id;
    IF (v_task.cancellation ->> 'max_duration') IS NOT NULL
       AND v_task.enqueue_at + make_interval(secs => (v_task.cancellation ->> 'max_duration')::int) <= v_now THEN
        EXECUTE format($q$UPDATE absurd.%I SET state = 'cancelled', cancelled_at = $2 WHERE task_id = $1$q$, 't_' || p_queue)
            USING v_run.task_id, v_now;
        RETURN;
    END IF;
    IF coalesce(v_task.retry_strategy ->> 'kind', 'fixed') = 'none'
       OR (v_task.max_attempts IS NOT NULL AND v_run.attempt >= v_task.max_attempts) THEN
        EXECUTE format($q$UPDATE absurd.%I SET state = 'failed' WHERE task_id = $1$q$, 't_' || p_queue) USING v_run.task_id;
        RETURN;
    END IF;
    v_delay := CASE v_task.retry_strategy ->> 'kind'
        WHEN 'exponential' THEN least(
            coalesce((v_task.retry_strategy ->> 'base_seconds')::double precision, 30)
              * power(coalesce((v_task.retry_strategy ->> 'factor')::double precision, 2), v_run.attempt - 1),
            coalesce((v_task.retry_strategy ->> 'max_seconds')::double precision, 'infinity'))
        ELSE coalesce((v_task.retry_strategy ->> 'base_seconds')::double precision, 60) END;
    v_at := coalesce(p_retry_at, v_now + make_interval(secs => v_delay));
    v_state := CASE WHEN v_at > v_now THEN 'sleeping' ELSE 'pending' END;
    v_next := uuidv7();
    EXECUTE format($q$
        INSERT INTO absurd.%I (run_id, task_id, attempt, state, available_at, created_at)
        VALUES ($1, $2, $3, $4, $5, $6)$q$, 'r_' || p_queue)
        USING v_next, v_run.task_id, v_run.attempt + 1, v_state, v_at, v_now;
    EXECUTE format($q$
        UPDATE absurd.%I SET state = $2, attempts = $3, last_attempt_run = $4 WHERE task_id = $1$q$, 't_' || p_queue)
        USING v_run.task_id, v_state, v_run.attempt + 1, v_next;
END $$;

-- Sweeps expired leases (lazily: at most p_qty, only here), then claims runs that are due.
CREATE OR REPLACE FUNCTION absurd.claim_task(p_queue text, p_worker_id text, p_claim_timeout int DEFAULT 30,
                                             p_qty int DEFAULT 1)
RETURNS TABLE (run_id uuid, task_id uuid, attempt int, task_name text, params jsonb) LANGUAGE plpgsql AS $$
DECLARE
    v_now timestamptz := clock_timestamp();
    v_row record;
BEGIN
    -- Cancellation policy max_delay: a task not started within N seconds of enqueue_at is cancelled.
    FOR v_row IN EXECUTE format($q$
        SELECT t.task_id FROM absurd.%I t
         WHERE t.state IN ('pending', 'sleeping') AND t.first_started_at IS NULL
           AND (t.cancellation ->> 'max_delay') IS NOT NULL
           AND t.enqueue_at + make_interval(secs => (t.cancellation ->> 'max_delay')::int) <= $1
         LIMIT $2$q$, 't_' || p_queue) USING v_now, p_qty LOOP
        PERFORM absurd.cancel_task(p_queue, v_row.task_id);
    END LOOP;
    FOR v_row IN EXECUTE format($q$
        SELECT r.run_id FROM absurd.%I r WHERE r.state = 'running' AND r.claim_expires_at <= $1
         ORDER BY r.claim_expires_at LIMIT $2 FOR UPDATE SKIP LOCKED$q$, 'r_' || p_queue) USING v_now, p_qty LOOP
        PERFORM absurd.fail_run(p_queue, v_row.run_id,
            jsonb_build_object('name', '$ClaimTimeout', 'message', 'worker did not finish or extend its claim in time'));
    END LOOP;
    -- A run the sweep just re-queued without delay is due now, in this same call.
    v_now := clock_timestamp();
    FOR v_row IN EXECUTE format($q$
        UPDATE absurd.%1$I r
           SET state = 'running', claimed_by = $1, claim_expires_at = $2 + make_interval(secs => $3),
               started_at = $2, wake_event = NULL
         WHERE r.run_id IN (SELECT c.run_id FROM absurd.%1$I c
                             WHERE c.state IN ('pending', 'sleeping') AND c.available_at <= $2
                             ORDER BY c.available_at, c.run_id LIMIT $4 FOR UPDATE SKIP LOCKED)
        RETURNING r.run_id, r.task_id, r.attempt$q$, 'r_' || p_queue)
        USING p_worker_id, v_now, p_claim_timeout, p_qty LOOP
        EXECUTE format($q$
            UPDATE absurd.%I SET state = 'running', first_started_at = coalesce(first_started_at, $2),
                   last_attempt_run = $3 WHERE task_id = $1$q$, 't_' || p_queue)
            USING v_row.task_id, v_now, v_row.run_id;
        EXECUTE format('DELETE FROM absurd.%I WHERE run_id = $1 AND timeout_at <= $2', 'w_' || p_queue)
            USING v_row.run_id, v_now;
        RETURN QUERY EXECUTE format('SELECT $1, $2, $3, t.task_name, t.params FROM absurd.%I t WHERE t.task_id = $2',
                                    't_' || p_queue) USING v_row.run_id, v_row.task_id, v_row.attempt;
    END LOOP;
END $$;

-- Raises AB001 if the run's task was cancelled and AB002 if the run is no longer running, so stale workers stop.
CREATE OR REPLACE FUNCTION absurd.check_run(p_queue text, p_run_id uuid) RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
    v_run record;
BEGIN
    EXECUTE format('SELECT task_id, state FROM absurd.%I WHERE run_id = $1 FOR UPDATE', 'r_' || p_queue)
        INTO v_run USING p_run_id;
    IF v_run IS NULL THEN
        RAISE EXCEPTION 'run % not found in queue %', p_run_id, p_queue;
    ELSIF v_run.state = 'cancelled' THEN
        RAISE EXCEPTION 'task was cancelled' USING ERRCODE = 'AB001';
    ELSIF v_run.state <> 'running' THEN
        RAISE EXCEPTION 'run % is %, not running', p_run_id, v_run.state USING ERRCODE = 'AB002';
    END IF;
    RETURN v_run.task_id;
END $$;

CREATE OR REPLACE FUNCTION absurd.complete_run(p_queue text, p_run_id uuid, p_result jsonb DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_task uuid := absurd.check_run(p_queue, p_run_id);
    v_now  timestamptz := clock_timestamp();
BEGIN
    EXECUTE format($q$UPDATE absurd.%I SET state = 'completed', completed_at = $2, result = $3, claim_expires_at = NULL
                       WHERE run_id = $1$q$, 'r_' || p_queue) USING p_run_id, v_now, p_result;
    EXECUTE format($q$UPDATE absurd.%I SET state = 'completed', completed_payload = $2 WHERE task_id = $1$q$, 't_' || p_queue)
        USING v_task, p_result;
END $$;

-- Sleep: the run waits until p_wake_at without a lease.
CREATE OR REPLACE FUNCTION absurd.schedule_run(p_queue text, p_run_id uuid, p_wake_at timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_task uuid := absurd.check_run(p_queue, p_run_id);
BEGIN
    EXECUTE format($q$UPDATE absurd.%I SET state = 'sleeping', available_at = $2, claimed_by = NULL, claim_expires_at = NULL
                       WHERE run_id = $1$q$, 'r_' || p_queue) USING p_run_id, p_wake_at;
    EXECUTE format($q$UPDATE absurd.%I SET state = 'sleeping' WHERE task_id = $1$q$, 't_' || p_queue) USING v_task;
END $$;

-- The SDK's heartbeat.
CREATE OR REPLACE FUNCTION absurd.extend_claim(p_queue text, p_run_id uuid, p_extend_by int)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM absurd.check_run(p_queue, p_run_id);
    EXECUTE format('UPDATE absurd.%I SET claim_expires_at = clock_timestamp() + make_interval(secs => $2) WHERE run_id = $1',
                   'r_' || p_queue) USING p_run_id, p_extend_by;
END $$;

CREATE OR REPLACE FUNCTION absurd.set_task_checkpoint_state(p_queue text, p_task_id uuid, p_step_name text,
                                                            p_state jsonb, p_owner_run uuid,
                                                            p_extend_claim_by int DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM absurd.check_run(p_queue, p_owner_run);
    EXECUTE format($q$
        INSERT INTO absurd.%I (task_id, checkpoint_name, state, status, owner_run_id, updated_at)
        VALUES ($1, $2, $3, 'committed', $4, clock_timestamp())
        ON CONFLICT (task_id, checkpoint_name)
        DO UPDATE SET state = excluded.state, status = excluded.status, owner_run_id = excluded.owner_run_id,
                      updated_at = excluded.updated_at$q$, 'c_' || p_queue)
        USING p_task_id, p_step_name, p_state, p_owner_run;
    IF p_extend_claim_by IS NOT NULL THEN
        PERFORM absurd.extend_claim(p_queue, p_owner_run, p_extend_claim_by);
    END IF;
END $$;

-- Waits for an event: returns its payload if it was already emitted, otherwise registers a wait and
-- puts the run to sleep (forever, or until the timeout) and returns NULL.
CREATE OR REPLACE FUNCTION absurd.await_event(p_queue text, p_task_id uuid, p_run_id uuid, p_step_name text,
                                              p_event_name text, p_timeout int DEFAULT NULL)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    v_payload jsonb;
    v_now     timestamptz := clock_timestamp();
    v_until   timestamptz;
BEGIN
    PERFORM absurd.check_run(p_queue, p_run_id);
    EXECUTE format('INSERT INTO absurd.%I (event_name) VALUES ($1) ON CONFLICT DO NOTHING', 'e_' || p_queue)
        USING p_event_name;
    EXECUTE format('SELECT payload FROM absurd.%I WHERE event_name = $1', 'e_' || p_queue)
        INTO v_payload USING p_event_name;
    IF v_payload IS NOT NULL THEN
        PERFORM absurd.set_task_checkpoint_state(p_queue, p_task_id, p_step_name, v_payload, p_run_id);
        RETURN v_payload;
    END IF;
    v_until := CASE WHEN p_timeout IS NULL THEN 'infinity'::timestamptz ELSE v_now + make_interval(secs => p_timeout) END;
    EXECUTE format($q$INSERT INTO absurd.%I (run_id, step_name, task_id, event_name, timeout_at)
                      VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING$q$, 'w_' || p_queue)
        USING p_run_id, p_step_name, p_task_id, p_event_name, CASE WHEN p_timeout IS NULL THEN NULL ELSE v_until END;
    EXECUTE format($q$UPDATE absurd.%I SET state = 'sleeping', available_at = $2, wake_event = $3, claimed_by = NULL,
                             claim_expires_at = NULL WHERE run_id = $1$q$, 'r_' || p_queue)
        USING p_run_id, v_until, p_event_name;
    EXECUTE format($q$UPDATE absurd.%I SET state = 'sleeping' WHERE task_id = $1$q$, 't_' || p_queue) USING p_task_id;
    RETURN NULL;
END $$;

-- First write wins: a second emit of the same event is a no-op. Wakes every run waiting for it.
CREATE OR REPLACE FUNCTION absurd.emit_event(p_queue text, p_event_name text, p_payload jsonb)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_now     timestamptz := clock_timestamp();
    v_emitted boolean;
    v_wait    record;
BEGIN
    EXECUTE format($q$
        INSERT INTO absurd.%1$I AS e (event_name, payload, emitted_at) VALUES ($1, $2, $3)
        ON CONFLICT (event_name) DO UPDATE SET payload = excluded.payload, emitted_at = excluded.emitted_at
         WHERE e.payload IS NULL
        RETURNING true$q$, 'e_' || p_queue) INTO v_emitted USING p_event_name, coalesce(p_payload, 'null'::jsonb), v_now;
    IF v_emitted IS NULL THEN
        RETURN false;
    END IF;
    FOR v_wait IN EXECUTE format('DELETE FROM absurd.%I WHERE event_name = $1 RETURNING run_id, step_name, task_id',
                                 'w_' || p_queue) USING p_event_name LOOP
        EXECUTE format($q$UPDATE absurd.%I SET state = 'pending', available_at = $2, event_payload = $3
                           WHERE run_id = $1 AND state = 'sleeping'$q$, 'r_' || p_queue)
            USING v_wait.run_id, v_now, p_payload;
        EXECUTE format($q$UPDATE absurd.%I SET state = 'pending' WHERE task_id = $1 AND state = 'sleeping'$q$, 't_' || p_queue)
            USING v_wait.task_id;
        EXECUTE format($q$
            INSERT INTO absurd.%I (task_id, checkpoint_name, state, owner_run_id) VALUES ($1, $2, $3, $4)
            ON CONFLICT (task_id, checkpoint_name) DO UPDATE SET state = excluded.state, updated_at = now()$q$,
            'c_' || p_queue) USING v_wait.task_id, v_wait.step_name, p_payload, v_wait.run_id;
    END LOOP;
    RETURN true;
END $$;

-- Cancels a task that has not finished: the task and its non-terminal runs become cancelled, leases are
-- cleared and waits deleted. Runs are locked before the task, in the same order as complete_run and fail_run.
-- Returns false (and changes nothing) if the task had already finished.
CREATE OR REPLACE FUNCTION absurd.cancel_task(p_queue text, p_task_id uuid)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_now   timestamptz := clock_timestamp();
    v_state text;
BEGIN
    EXECUTE format($q$SELECT 1 FROM absurd.%I WHERE task_id = $1 AND state IN ('pending', 'running', 'sleeping')
                      FOR UPDATE$q$, 'r_' || p_queue) USING p_task_id;
    EXECUTE format('SELECT state FROM absurd.%I WHERE task_id = $1 FOR UPDATE', 't_' || p_queue)
        INTO v_state USING p_task_id;
    IF v_state IS NULL THEN
        RAISE EXCEPTION 'task % not found in queue %', p_task_id, p_queue;
    ELSIF v_state IN ('completed', 'failed', 'cancelled') THEN
        RETURN false;
    END IF;
    EXECUTE format($q$UPDATE absurd.%I SET state = 'cancelled', claimed_by = NULL, claim_expires_at = NULL
                       WHERE task_id = $1 AND state IN ('pending', 'running', 'sleeping')$q$, 'r_' || p_queue)
        USING p_task_id;
    EXECUTE format($q$UPDATE absurd.%I SET state = 'cancelled', cancelled_at = $2 WHERE task_id = $1$q$, 't_' || p_queue)
        USING p_task_id, v_now;
    EXECUTE format('DELETE FROM absurd.%I WHERE task_id = $1', 'w_' || p_queue) USING p_task_id;
    RETURN true;
END $$;

-- Retries a failed task: by default a new run in place, raising max_attempts to at least one more than the
-- attempts made (or to options.max_attempts); with options.spawn_new a fresh task with the same name and params.
-- Refuses anything but a failed task.
CREATE OR REPLACE FUNCTION absurd.retry_task(p_queue text, p_task_id uuid, p_options jsonb DEFAULT '{}')
RETURNS TABLE (task_id uuid, run_id uuid, attempt int) LANGUAGE plpgsql AS $$
DECLARE
    v_now  timestamptz := clock_timestamp();
    v_task record;
    v_run  uuid := uuidv7();
BEGIN
    EXECUTE format('SELECT t.state, t.attempts, t.max_attempts, t.task_name, t.params, t.headers, t.retry_strategy, '
                   || 't.cancellation FROM absurd.%I t WHERE t.task_id = $1 FOR UPDATE', 't_' || p_queue)
        INTO v_task USING p_task_id;
    IF v_task IS NULL THEN
        RAISE EXCEPTION 'task % not found in queue %', p_task_id, p_queue;
    ELSIF v_task.state <> 'failed' THEN
        RAISE EXCEPTION 'task % is %, only failed tasks can be retried', p_task_id, v_task.state;
    END IF;
    IF coalesce((p_options ->> 'spawn_new')::boolean, false) THEN
        RETURN QUERY SELECT * FROM absurd.spawn_task(p_queue, v_task.task_name, v_task.params,
            jsonb_strip_nulls(jsonb_build_object('headers', v_task.headers, 'retry_strategy', v_task.retry_strategy,
                'cancellation', v_task.cancellation,
                'max_attempts', coalesce((p_options ->> 'max_attempts')::int, v_task.max_attempts))));
        RETURN;
    END IF;
    EXECUTE format($q$INSERT INTO absurd.%I (run_id, task_id, attempt, state, available_at, created_at)
                      VALUES ($1, $2, $3, 'pending', $4, $4)$q$, 'r_' || p_queue)
        USING v_run, p_task_id, v_task.attempts + 1, v_now;
    EXECUTE format($q$UPDATE absurd.%I SET state = 'pending', attempts = $2, last_attempt_run = $3,
                             max_attempts = greatest(coalesce(max_attempts, 0), $4)
                       WHERE task_id = $1$q$, 't_' || p_queue)
        USING p_task_id, v_task.attempts + 1, v_run,
              coalesce((p_options ->> 'max_attempts')::int, v_task.attempts + 1);
    RETURN QUERY SELECT p_task_id, v_run, v_task.attempts + 1;
END $$;
