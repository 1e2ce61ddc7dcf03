-- pg-boss 12 schema (version 37, package.json "pgboss.schema"), written from timgit/pg-boss src/plans.ts at 55ee32f6 (12.27.0): createEnumJobState,
-- createTableVersion, createTableQueue, createTableJob (PARTITION BY LIST (name)), createTableJobCommon (the
-- DEFAULT partition job_common), createIndexJobFetch (job_i5) and createQueueFunction (a queue created with
-- partition = true gets its own table 'j' || sha224(name), attached FOR VALUES IN (name)). Only what Pitwall and
-- the demo use: no schedule, subscription, bam, warning, queue_stats or job_dependency tables.
CREATE SCHEMA pgboss;

CREATE TYPE pgboss.job_state AS ENUM ('created', 'retry', 'active', 'completed', 'cancelled', 'failed');

CREATE TABLE pgboss.version (
  version int primary key,
  cron_on timestamp with time zone,
  bam_on timestamp with time zone,
  flow_on timestamp with time zone
);

CREATE TABLE pgboss.queue (
  name text NOT NULL,
  policy text NOT NULL,
  retry_limit int NOT NULL,
  retry_delay int NOT NULL,
  retry_backoff bool NOT NULL,
  retry_delay_max int,
  expire_seconds int NOT NULL,
  retention_seconds int NOT NULL,
  deletion_seconds int NOT NULL,
  dead_letter text REFERENCES pgboss.queue (name) CHECK (dead_letter IS DISTINCT FROM name),
  partition bool NOT NULL,
  table_name text NOT NULL,
  deferred_count int NOT NULL default 0,
  queued_count int NOT NULL default 0,
  ready_count int NOT NULL default 0,
  warning_queued int NOT NULL default 0,
  active_count int NOT NULL default 0,
  failed_count int NOT NULL default 0,
  total_count int NOT NULL default 0,
  ready_history int[] NOT NULL default '{}',
  heartbeat_seconds int,
  notify bool NOT NULL DEFAULT false,
  singletons_active text[],
  monitor_on timestamp with time zone,
  maintain_on timestamp with time zone,
  created_on timestamp with time zone not null default now(),
  updated_on timestamp with time zone not null default now(),
  PRIMARY KEY (name)
);

CREATE TABLE pgboss.job (
  id uuid not null default gen_random_uuid(),
  name text not null,
  priority integer not null default(0),
  data jsonb,
  state pgboss.job_state not null default 'created',
  retry_limit integer not null default 2,
  retry_count integer not null default 0,
  retry_delay integer not null default 0,
  retry_backoff boolean not null default false,
  retry_delay_max integer,
  expire_seconds int not null default 900,
  deletion_seconds int not null default 604800,
  singleton_key text,
  singleton_on timestamp without time zone,
  group_id text,
  group_tier text,
  start_after timestamp with time zone not null default now(),
  created_on timestamp with time zone not null default now(),
  started_on timestamp with time zone,
  completed_on timestamp with time zone,
  keep_until timestamp with time zone NOT NULL default now() + interval '1209600',
  output jsonb,
  dead_letter text,
  policy text,
  heartbeat_on timestamp with time zone,
  heartbeat_seconds int,
  blocked boolean not null default false,
  blocking boolean not null default false,
  pending_dependencies int not null default 0,
  source_name text,
  source_id uuid,
  source_created_on timestamp with time zone,
  source_retry_count int
) PARTITION BY LIST (name);
ALTER TABLE pgboss.job ADD PRIMARY KEY (name, id);

CREATE TABLE pgboss.job_common (LIKE pgboss.job INCLUDING GENERATED INCLUDING DEFAULTS);
ALTER TABLE pgboss.job_common ADD PRIMARY KEY (name, id);
ALTER TABLE pgboss.job_common ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX job_common_i5 ON pgboss.job_common (name, start_after) WHERE state < 'active' AND NOT blocked;
ALTER TABLE pgboss.job ATTACH PARTITION pgboss.job_common DEFAULT;

-- create_queue: the queue row, and for partition = true its own table attached to pgboss.job.
CREATE FUNCTION pgboss.create_queue(queue_name text, options jsonb) RETURNS VOID AS $$
DECLARE
  tablename varchar := CASE WHEN options->>'partition' = 'true' THEN 'j' || encode(sha224(queue_name::bytea), 'hex')
                            ELSE 'job_common' END;
  queue_created_on timestamptz;
BEGIN
  WITH q AS (
    INSERT INTO pgboss.queue (name, policy, retry_limit, retry_delay, retry_backoff, retry_delay_max, expire_seconds,
      retention_seconds, deletion_seconds, warning_queued, dead_letter, partition, table_name, heartbeat_seconds, notify)
    VALUES (queue_name, options->>'policy',
      COALESCE((options->>'retryLimit')::int, 2), COALESCE((options->>'retryDelay')::int, 0),
      COALESCE((options->>'retryBackoff')::bool, false), (options->>'retryDelayMax')::int,
      COALESCE((options->>'expireInSeconds')::int, 900), COALESCE((options->>'retentionSeconds')::int, 1209600),
      COALESCE((options->>'deleteAfterSeconds')::int, 604800), COALESCE((options->>'warningQueueSize')::int, 0),
      options->>'deadLetter', COALESCE((options->>'partition')::bool, false), tablename,
      (options->>'heartbeatSeconds')::int, COALESCE((options->>'notify')::bool, false))
    ON CONFLICT DO NOTHING
    RETURNING created_on
  )
  SELECT created_on INTO queue_created_on FROM q;
  IF queue_created_on IS NULL OR options->>'partition' IS DISTINCT FROM 'true' THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE TABLE pgboss.%I (LIKE pgboss.job INCLUDING DEFAULTS)', tablename);
  EXECUTE format('ALTER TABLE pgboss.%I ADD PRIMARY KEY (name, id)', tablename);
  EXECUTE format('ALTER TABLE pgboss.%I ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED', tablename);
  EXECUTE format('CREATE INDEX %s_i5 ON pgboss.%I (name, start_after) WHERE state < ''active'' AND NOT blocked', tablename, tablename);
  EXECUTE format('ALTER TABLE pgboss.%I ADD CONSTRAINT cjc CHECK (name=%L)', tablename, queue_name);
  EXECUTE format('ALTER TABLE pgboss.job ATTACH PARTITION pgboss.%I FOR VALUES IN (%L)', tablename, queue_name);
END;
$$ LANGUAGE plpgsql;

INSERT INTO pgboss.version (version) VALUES (37);
