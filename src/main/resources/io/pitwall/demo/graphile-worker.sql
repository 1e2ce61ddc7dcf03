-- Graphile Worker 0.16+ schema, written from graphile/worker at abfb4cff (0.17.3):
-- sql/000011.sql (tables, job_spec, add_jobs, admin functions), 000015.sql (force_unlock_workers),
-- 000016.sql (rename to _private_*), 000017.sql (the public jobs view), 000018.sql (add_jobs notifies),
-- and the bootstrap in src/migrate.ts (graphile_worker.migrations). Only what Pitwall and the demo use.
CREATE SCHEMA graphile_worker;

CREATE TABLE graphile_worker.migrations (
  id int PRIMARY KEY,
  ts timestamptz DEFAULT now() NOT NULL,
  breaking boolean NOT NULL DEFAULT false
);
INSERT INTO graphile_worker.migrations (id, breaking)
SELECT n, n IN (1, 3, 11, 13, 14, 16, 19) FROM generate_series(1, 19) n;

CREATE TABLE graphile_worker._private_job_queues (
  id int PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  queue_name text NOT NULL UNIQUE CHECK (length(queue_name) <= 128),
  locked_at timestamptz,
  locked_by text,
  is_available boolean GENERATED ALWAYS AS ((locked_at IS NULL)) STORED NOT NULL
);

CREATE TABLE graphile_worker._private_tasks (
  id int PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  identifier text NOT NULL UNIQUE CHECK (length(identifier) <= 128)
);

CREATE TABLE graphile_worker._private_jobs (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  job_queue_id int NULL,
  task_id int NOT NULL,
  payload json DEFAULT '{}'::json NOT NULL,
  priority smallint DEFAULT 0 NOT NULL,
  run_at timestamptz DEFAULT now() NOT NULL,
  attempts smallint DEFAULT 0 NOT NULL,
  max_attempts smallint DEFAULT 25 NOT NULL CONSTRAINT jobs_max_attempts_check CHECK (max_attempts >= 1),
  last_error text,
  created_at timestamptz DEFAULT now() NOT NULL,
  updated_at timestamptz DEFAULT now() NOT NULL,
  key text UNIQUE CONSTRAINT jobs_key_check CHECK (length(key) > 0 AND length(key) <= 512),
  locked_at timestamptz,
  locked_by text,
  revision integer DEFAULT 0 NOT NULL,
  flags jsonb,
  is_available boolean GENERATED ALWAYS AS (((locked_at IS NULL) AND (attempts < max_attempts))) STORED NOT NULL
);

CREATE INDEX jobs_main_index ON graphile_worker._private_jobs USING btree (priority, run_at)
  INCLUDE (id, task_id, job_queue_id) WHERE (is_available = true);
CREATE INDEX jobs_no_queue_index ON graphile_worker._private_jobs USING btree (priority, run_at)
  INCLUDE (id, task_id) WHERE (is_available = true AND job_queue_id IS NULL);

CREATE TYPE graphile_worker.job_spec AS (
  identifier text, payload json, queue_name text, run_at timestamptz, max_attempts smallint,
  job_key text, priority smallint, flags text[]
);

-- add_jobs as 000018 defines it: ensure the task and queue rows, clear the key of a locked job with the same key,
-- then insert or, for a key that exists and is not locked, replace the job and reset its error and attempts.
CREATE FUNCTION graphile_worker.add_jobs(specs graphile_worker.job_spec[], job_key_preserve_run_at boolean DEFAULT false)
RETURNS SETOF graphile_worker._private_jobs LANGUAGE plpgsql AS $$
begin
  insert into graphile_worker._private_tasks as tasks (identifier)
  select distinct spec.identifier from unnest(specs) spec
  on conflict do nothing;
  insert into graphile_worker._private_job_queues as job_queues (queue_name)
  select distinct spec.queue_name from unnest(specs) spec where spec.queue_name is not null
  on conflict do nothing;
  update graphile_worker._private_jobs as jobs
  set key = null, attempts = jobs.max_attempts, updated_at = now()
  from unnest(specs) spec
  where spec.job_key is not null and jobs.key = spec.job_key and is_available is not true;
  perform pg_notify('jobs:insert', '{"r":' || random()::text || ',"count":' || array_length(specs, 1)::text || '}');
  return query insert into graphile_worker._private_jobs as jobs (
    job_queue_id, task_id, payload, run_at, max_attempts, key, priority, flags)
  select job_queues.id, tasks.id, coalesce(spec.payload, '{}'::json), coalesce(spec.run_at, now()),
         coalesce(spec.max_attempts, 25), spec.job_key, coalesce(spec.priority, 0),
         (select jsonb_object_agg(flag, true) from unnest(spec.flags) as item(flag))
  from unnest(specs) spec
  inner join graphile_worker._private_tasks as tasks on tasks.identifier = spec.identifier
  left join graphile_worker._private_job_queues as job_queues on job_queues.queue_name = spec.queue_name
  on conflict (key) do update set
    job_queue_id = excluded.job_queue_id,
    task_id = excluded.task_id,
    payload = case when json_typeof(jobs.payload) = 'array' and json_typeof(excluded.payload) = 'array'
                   then (jobs.payload::jsonb || excluded.payload::jsonb)::json else excluded.payload end,
    max_attempts = excluded.max_attempts,
    run_at = (case when job_key_preserve_run_at is true and jobs.attempts = 0 then jobs.run_at else excluded.run_at end),
    priority = excluded.priority,
    revision = jobs.revision + 1,
    flags = excluded.flags,
    attempts = 0,
    last_error = null,
    updated_at = now()
  where jobs.locked_at is null
  returning *;
end;
$$;

-- add_job in its replace mode (the default), which is add_jobs of one spec.
CREATE FUNCTION graphile_worker.add_job(identifier text, payload json DEFAULT NULL, queue_name text DEFAULT NULL,
    run_at timestamptz DEFAULT NULL, max_attempts integer DEFAULT NULL, job_key text DEFAULT NULL,
    priority integer DEFAULT NULL, flags text[] DEFAULT NULL, job_key_mode text DEFAULT 'replace')
RETURNS graphile_worker._private_jobs LANGUAGE plpgsql AS $$
declare
  v_job graphile_worker._private_jobs;
begin
  if job_key_mode is not null and job_key_mode not in ('replace', 'preserve_run_at') then
    raise exception 'Only replace and preserve_run_at are in this fixture' using errcode = 'GWBKM';
  end if;
  select * into v_job from graphile_worker.add_jobs(
    ARRAY[(identifier, payload, queue_name, run_at, max_attempts::smallint, job_key, priority::smallint, flags)::graphile_worker.job_spec],
    (job_key_mode = 'preserve_run_at')) limit 1;
  return v_job;
end;
$$;

-- The admin functions (000016): each leaves alone a job locked in the last 4 hours.
CREATE FUNCTION graphile_worker.complete_jobs(job_ids bigint[]) RETURNS SETOF graphile_worker._private_jobs
LANGUAGE sql AS $$
  delete from graphile_worker._private_jobs as jobs
    where id = any(job_ids) and (locked_at is null or locked_at < now() - interval '4 hours')
    returning *;
$$;

CREATE FUNCTION graphile_worker.permanently_fail_jobs(job_ids bigint[], error_message text DEFAULT NULL)
RETURNS SETOF graphile_worker._private_jobs LANGUAGE sql AS $$
  update graphile_worker._private_jobs as jobs
    set last_error = coalesce(error_message, 'Manually marked as failed'), attempts = max_attempts, updated_at = now()
    where id = any(job_ids) and (locked_at is null or locked_at < NOW() - interval '4 hours')
    returning *;
$$;

CREATE FUNCTION graphile_worker.reschedule_jobs(job_ids bigint[], run_at timestamptz DEFAULT NULL,
    priority integer DEFAULT NULL, attempts integer DEFAULT NULL, max_attempts integer DEFAULT NULL)
RETURNS SETOF graphile_worker._private_jobs LANGUAGE sql AS $$
  update graphile_worker._private_jobs as jobs
    set run_at = coalesce(reschedule_jobs.run_at, jobs.run_at),
        priority = coalesce(reschedule_jobs.priority::smallint, jobs.priority),
        attempts = coalesce(reschedule_jobs.attempts::smallint, jobs.attempts),
        max_attempts = coalesce(reschedule_jobs.max_attempts::smallint, jobs.max_attempts),
        updated_at = now()
    where id = any(job_ids) and (locked_at is null or locked_at < NOW() - interval '4 hours')
    returning *;
$$;

CREATE FUNCTION graphile_worker.force_unlock_workers(worker_ids text[]) RETURNS void LANGUAGE sql AS $$
update graphile_worker._private_jobs as jobs set locked_at = null, locked_by = null where locked_by = any(worker_ids);
update graphile_worker._private_job_queues as job_queues set locked_at = null, locked_by = null where locked_by = any(worker_ids);
$$;

CREATE VIEW graphile_worker.jobs AS (
  SELECT jobs.id, job_queues.queue_name, tasks.identifier AS task_identifier, jobs.priority, jobs.run_at,
         jobs.attempts, jobs.max_attempts, jobs.last_error, jobs.created_at, jobs.updated_at, jobs.key,
         jobs.locked_at, jobs.locked_by, jobs.revision, jobs.flags
    FROM graphile_worker._private_jobs AS jobs
    INNER JOIN graphile_worker._private_tasks AS tasks ON tasks.id = jobs.task_id
    LEFT JOIN graphile_worker._private_job_queues AS job_queues ON job_queues.id = jobs.job_queue_id
);
