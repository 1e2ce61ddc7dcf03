-- DSA-110's single-table Absurd queue, as the runbook describes it (fixture-schemas.md, "dsa110-absurd").
CREATE SCHEMA IF NOT EXISTS absurd;
CREATE TABLE absurd.queues (
    queue_name  text PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    description text
);
CREATE TABLE absurd.t_tasks (
    task_id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    queue_name     text NOT NULL REFERENCES absurd.queues (queue_name),
    task_name      text NOT NULL,
    params         jsonb NOT NULL DEFAULT '{}',
    priority       int NOT NULL DEFAULT 0,
    status         text NOT NULL DEFAULT 'pending',
    created_at     timestamptz NOT NULL DEFAULT now(),
    claimed_at     timestamptz,
    completed_at   timestamptz,
    worker_id      text,
    result         jsonb,
    error          text,
    retry_count    int NOT NULL DEFAULT 0,
    max_retries    int NOT NULL DEFAULT 3,
    timeout_sec    int NOT NULL DEFAULT 3600,
    last_heartbeat timestamptz
);
CREATE INDEX t_tasks_pending_idx ON absurd.t_tasks (queue_name, priority DESC, created_at) WHERE status = 'pending';
INSERT INTO absurd.queues (queue_name, description) VALUES ('dsa110-pipeline', 'DSA-110 continuum imaging pipeline');
-- What Pitwall's counts need on a big table (docs/profiles.md, "counts"): pending and claimed, and failed, by status.
CREATE INDEX t_tasks_status_idx ON absurd.t_tasks (status);
