-- Procrastinate's schema (procrastinate-org/procrastinate f099a753, procrastinate/sql/schema.sql; 3.x with worker
-- heartbeats), written from that file's facts: its tables, the functions its workers call, and the triggers that
-- keep procrastinate_events. In schema public, where Procrastinate's functions expect their tables (unqualified).
CREATE TYPE procrastinate_job_status AS ENUM ('todo', 'doing', 'succeeded', 'failed', 'cancelled', 'aborting', 'aborted');
CREATE TYPE procrastinate_job_event_type AS ENUM ('deferred', 'started', 'deferred_for_retry', 'failed', 'succeeded',
    'cancelled', 'abort_requested', 'aborted', 'scheduled', 'retried');
CREATE TYPE procrastinate_job_to_defer_v1 AS (queue_name varchar, task_name varchar, priority integer, lock text,
    queueing_lock text, args jsonb, scheduled_at timestamptz);
CREATE TABLE procrastinate_workers (
    id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    last_heartbeat timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE procrastinate_jobs (
    id bigserial PRIMARY KEY,
    queue_name varchar(128) NOT NULL,
    task_name varchar(128) NOT NULL,
    priority integer DEFAULT 0 NOT NULL,
    lock text,
    queueing_lock text,
    args jsonb DEFAULT '{}' NOT NULL,
    status procrastinate_job_status DEFAULT 'todo' NOT NULL,
    scheduled_at timestamptz NULL,
    attempts integer DEFAULT 0 NOT NULL,
    abort_requested boolean DEFAULT false NOT NULL,
    worker_id bigint REFERENCES procrastinate_workers(id) ON DELETE SET NULL,
    CONSTRAINT check_not_todo_abort_requested CHECK (NOT (status = 'todo' AND abort_requested = true))
);
CREATE TABLE procrastinate_events (
    id bigserial PRIMARY KEY,
    job_id bigint NOT NULL REFERENCES procrastinate_jobs ON DELETE CASCADE,
    type procrastinate_job_event_type,
    at timestamptz DEFAULT now() NULL
);
CREATE UNIQUE INDEX procrastinate_jobs_queueing_lock_idx_v1 ON procrastinate_jobs (queueing_lock) WHERE status = 'todo';
CREATE UNIQUE INDEX procrastinate_jobs_lock_idx_v1 ON procrastinate_jobs (lock) WHERE status = 'doing';
CREATE INDEX idx_procrastinate_jobs_worker_not_null ON procrastinate_jobs (worker_id) WHERE worker_id IS NOT NULL AND status = 'doing';
CREATE INDEX procrastinate_jobs_queue_name_idx_v1 ON procrastinate_jobs (queue_name);
CREATE INDEX procrastinate_jobs_id_lock_idx_v1 ON procrastinate_jobs (id, lock) WHERE status = ANY (ARRAY['todo'::procrastinate_job_status, 'doing'::procrastinate_job_status]);
-- Not Procrastinate's: the index Pitwall's profile proposes so failed jobs are counted exactly on a big table.
CREATE INDEX procrastinate_jobs_pitwall_failed_idx ON procrastinate_jobs (queue_name, task_name) WHERE status = 'failed';
CREATE INDEX procrastinate_jobs_priority_idx_v1 ON procrastinate_jobs (priority DESC, id ASC) WHERE status = 'todo';
CREATE INDEX procrastinate_events_job_id_fkey_v1 ON procrastinate_events (job_id);
CREATE INDEX idx_procrastinate_workers_last_heartbeat ON procrastinate_workers (last_heartbeat);

CREATE FUNCTION procrastinate_defer_jobs_v1(jobs procrastinate_job_to_defer_v1[]) RETURNS bigint[] LANGUAGE sql AS $$
    WITH inserted AS (
        INSERT INTO procrastinate_jobs (queue_name, task_name, priority, lock, queueing_lock, args, scheduled_at)
        SELECT (j).queue_name, (j).task_name, (j).priority, (j).lock, (j).queueing_lock, (j).args, (j).scheduled_at
          FROM unnest(jobs) AS j RETURNING id)
    SELECT array_agg(id) FROM inserted $$;

-- The worker's claim: the first due todo job whose lock is free, by priority then id, SKIP LOCKED.
CREATE FUNCTION procrastinate_fetch_job_v2(target_queue_names varchar[], p_worker_id bigint)
    RETURNS procrastinate_jobs LANGUAGE plpgsql AS $$
DECLARE found_jobs procrastinate_jobs;
BEGIN
    WITH candidate AS (
        SELECT jobs.* FROM procrastinate_jobs AS jobs
         WHERE NOT EXISTS (SELECT 1 FROM procrastinate_jobs AS other_jobs
                            WHERE jobs.lock IS NOT NULL AND other_jobs.lock = jobs.lock
                              AND (other_jobs.status = 'doing'
                                   OR (other_jobs.status = 'todo' AND (other_jobs.priority > jobs.priority
                                       OR (other_jobs.priority = jobs.priority AND other_jobs.id < jobs.id)))))
           AND jobs.status = 'todo'
           AND (target_queue_names IS NULL OR jobs.queue_name = ANY (target_queue_names))
           AND (jobs.scheduled_at IS NULL OR jobs.scheduled_at <= now())
         ORDER BY jobs.priority DESC, jobs.id ASC LIMIT 1
           FOR UPDATE OF jobs SKIP LOCKED)
    UPDATE procrastinate_jobs SET status = 'doing', worker_id = p_worker_id FROM candidate
     WHERE procrastinate_jobs.id = candidate.id RETURNING procrastinate_jobs.* INTO found_jobs;
    RETURN found_jobs;
END $$;

CREATE FUNCTION procrastinate_finish_job_v1(job_id bigint, end_status procrastinate_job_status, delete_job boolean)
    RETURNS void LANGUAGE plpgsql AS $$
DECLARE _job_id bigint;
BEGIN
    IF end_status NOT IN ('succeeded', 'failed', 'aborted') THEN
        RAISE 'End status should be either "succeeded", "failed" or "aborted" (job id: %)', job_id;
    END IF;
    IF delete_job THEN
        DELETE FROM procrastinate_jobs WHERE id = job_id AND status IN ('todo', 'doing') RETURNING id INTO _job_id;
    ELSE
        UPDATE procrastinate_jobs SET status = end_status, abort_requested = false,
               attempts = CASE status WHEN 'doing' THEN attempts + 1 ELSE attempts END
         WHERE id = job_id AND status IN ('todo', 'doing') RETURNING id INTO _job_id;
    END IF;
    IF _job_id IS NULL THEN
        RAISE 'Job was not found or not in "doing" or "todo" status (job id: %)', job_id;
    END IF;
END $$;

CREATE FUNCTION procrastinate_cancel_job_v1(job_id bigint, abort boolean, delete_job boolean)
    RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE _job_id bigint;
BEGIN
    IF delete_job THEN
        DELETE FROM procrastinate_jobs WHERE id = job_id AND status = 'todo' RETURNING id INTO _job_id;
    END IF;
    IF _job_id IS NULL THEN
        IF abort THEN
            UPDATE procrastinate_jobs SET abort_requested = true,
                   status = CASE status WHEN 'todo' THEN 'cancelled'::procrastinate_job_status ELSE status END
             WHERE id = job_id AND status IN ('todo', 'doing') RETURNING id INTO _job_id;
        ELSE
            UPDATE procrastinate_jobs SET status = 'cancelled'::procrastinate_job_status
             WHERE id = job_id AND status = 'todo' RETURNING id INTO _job_id;
        END IF;
    END IF;
    RETURN _job_id;
END $$;

-- v1 retries a doing job (a failed attempt, or a stalled one); v2 (3.4) also a failed job.
CREATE FUNCTION procrastinate_retry_job_v1(job_id bigint, retry_at timestamptz, new_priority integer,
    new_queue_name varchar, new_lock varchar) RETURNS void LANGUAGE plpgsql AS $$
DECLARE _job_id bigint; _abort_requested boolean;
BEGIN
    SELECT abort_requested FROM procrastinate_jobs WHERE id = job_id AND status = 'doing' FOR UPDATE INTO _abort_requested;
    IF _abort_requested THEN
        UPDATE procrastinate_jobs SET status = 'failed'::procrastinate_job_status
         WHERE id = job_id AND status = 'doing' RETURNING id INTO _job_id;
    ELSE
        UPDATE procrastinate_jobs SET status = 'todo'::procrastinate_job_status, attempts = attempts + 1,
               scheduled_at = retry_at, priority = coalesce(new_priority, priority),
               queue_name = coalesce(new_queue_name, queue_name), lock = coalesce(new_lock, lock)
         WHERE id = job_id AND status = 'doing' RETURNING id INTO _job_id;
    END IF;
    IF _job_id IS NULL THEN
        RAISE 'Job was not found or not in "doing" status (job id: %)', job_id;
    END IF;
END $$;
CREATE FUNCTION procrastinate_retry_job_v2(job_id bigint, retry_at timestamptz, new_priority integer,
    new_queue_name varchar, new_lock varchar) RETURNS void LANGUAGE plpgsql AS $$
DECLARE _job_id bigint; _abort_requested boolean; _current_status procrastinate_job_status;
BEGIN
    SELECT status, abort_requested FROM procrastinate_jobs WHERE id = job_id AND status IN ('doing', 'failed')
       FOR UPDATE INTO _current_status, _abort_requested;
    IF _current_status = 'doing' AND _abort_requested THEN
        UPDATE procrastinate_jobs SET status = 'failed'::procrastinate_job_status
         WHERE id = job_id AND status = 'doing' RETURNING id INTO _job_id;
    ELSE
        UPDATE procrastinate_jobs SET status = 'todo'::procrastinate_job_status, attempts = attempts + 1,
               scheduled_at = retry_at, priority = coalesce(new_priority, priority),
               queue_name = coalesce(new_queue_name, queue_name), lock = coalesce(new_lock, lock)
         WHERE id = job_id AND status IN ('doing', 'failed') RETURNING id INTO _job_id;
    END IF;
    IF _job_id IS NULL THEN
        RAISE 'Job was not found or has an invalid status to retry (job id: %)', job_id;
    END IF;
END $$;

CREATE FUNCTION procrastinate_register_worker_v1() RETURNS TABLE (worker_id bigint) LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY INSERT INTO procrastinate_workers DEFAULT VALUES RETURNING procrastinate_workers.id;
END $$;
CREATE FUNCTION procrastinate_update_heartbeat_v1(worker_id bigint) RETURNS void LANGUAGE sql AS $$
    UPDATE procrastinate_workers SET last_heartbeat = now() WHERE id = worker_id $$;
CREATE FUNCTION procrastinate_prune_stalled_workers_v1(seconds_since_heartbeat float)
    RETURNS TABLE (worker_id bigint) LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY DELETE FROM procrastinate_workers
     WHERE last_heartbeat < now() - (seconds_since_heartbeat || 'SECOND')::interval RETURNING procrastinate_workers.id;
END $$;

CREATE FUNCTION procrastinate_notify_queue_abort_job_v1() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE payload text;
BEGIN
    SELECT json_build_object('type', 'abort_job_requested', 'job_id', NEW.id)::text INTO payload;
    PERFORM pg_notify('procrastinate_queue_v1#' || NEW.queue_name, payload);
    PERFORM pg_notify('procrastinate_any_queue_v1', payload);
    RETURN NEW;
END $$;
CREATE FUNCTION procrastinate_trigger_function_status_events_insert_v1() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO procrastinate_events (job_id, type) VALUES (NEW.id, 'deferred');
    RETURN NEW;
END $$;
CREATE FUNCTION procrastinate_trigger_function_status_events_update_v1() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH t AS (SELECT CASE
        WHEN OLD.status = 'todo' AND NEW.status = 'doing' THEN 'started'::procrastinate_job_event_type
        WHEN OLD.status = 'doing' AND NEW.status = 'todo' THEN 'deferred_for_retry'
        WHEN OLD.status = 'doing' AND NEW.status = 'failed' THEN 'failed'
        WHEN OLD.status = 'doing' AND NEW.status = 'succeeded' THEN 'succeeded'
        WHEN OLD.status = 'todo' AND NEW.status IN ('cancelled', 'failed', 'succeeded') THEN 'cancelled'
        WHEN OLD.status = 'doing' AND NEW.status = 'aborted' THEN 'aborted'
        WHEN OLD.status = 'failed' AND NEW.status = 'todo' THEN 'retried'
        ELSE NULL END AS event_type)
    INSERT INTO procrastinate_events (job_id, type) SELECT NEW.id, t.event_type FROM t WHERE t.event_type IS NOT NULL;
    RETURN NEW;
END $$;
CREATE FUNCTION procrastinate_trigger_function_scheduled_events_v1() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO procrastinate_events (job_id, type, at) VALUES (NEW.id, 'scheduled', NEW.scheduled_at);
    RETURN NEW;
END $$;
CREATE FUNCTION procrastinate_trigger_abort_requested_events_procedure_v1() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO procrastinate_events (job_id, type) VALUES (NEW.id, 'abort_requested');
    RETURN NEW;
END $$;
CREATE TRIGGER procrastinate_jobs_notify_queue_job_aborted_v1 AFTER UPDATE OF abort_requested ON procrastinate_jobs
    FOR EACH ROW WHEN (old.abort_requested = false AND new.abort_requested = true AND new.status = 'doing')
    EXECUTE PROCEDURE procrastinate_notify_queue_abort_job_v1();
CREATE TRIGGER procrastinate_trigger_status_events_update_v1 AFTER UPDATE OF status ON procrastinate_jobs
    FOR EACH ROW EXECUTE PROCEDURE procrastinate_trigger_function_status_events_update_v1();
CREATE TRIGGER procrastinate_trigger_status_events_insert_v1 AFTER INSERT ON procrastinate_jobs
    FOR EACH ROW WHEN (new.status = 'todo') EXECUTE PROCEDURE procrastinate_trigger_function_status_events_insert_v1();
CREATE TRIGGER procrastinate_trigger_scheduled_events_v1 AFTER UPDATE OR INSERT ON procrastinate_jobs
    FOR EACH ROW WHEN (new.scheduled_at IS NOT NULL AND new.status = 'todo')
    EXECUTE PROCEDURE procrastinate_trigger_function_scheduled_events_v1();
CREATE TRIGGER procrastinate_trigger_abort_requested_events_v1 AFTER UPDATE OF abort_requested ON procrastinate_jobs
    FOR EACH ROW WHEN (new.abort_requested = true) EXECUTE PROCEDURE procrastinate_trigger_abort_requested_events_procedure_v1();
