-- shithub jobs table as migration 0018_jobs_and_push_events.sql defines it (fixture-schemas.md, "shithub-0018").
-- In its own schema so the demo can also hold the runbook's version of the table in schema shithub.
CREATE SCHEMA IF NOT EXISTS shithub0018;
CREATE TABLE shithub0018.jobs (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    payload      jsonb NOT NULL DEFAULT '{}',
    run_at       timestamptz NOT NULL DEFAULT now(),
    attempts     int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts int NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
    last_error   text,
    locked_by    text,
    locked_at    timestamptz,
    completed_at timestamptz,
    failed_at    timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_dispatch_idx ON shithub0018.jobs (kind, run_at) WHERE completed_at IS NULL AND failed_at IS NULL;
CREATE INDEX jobs_locked_idx ON shithub0018.jobs (locked_by, locked_at) WHERE locked_by IS NOT NULL;
-- What Pitwall's counts need on a big table (docs/profiles.md, "counts"): the failed jobs (jobs_dispatch_idx serves the unfinished).
CREATE INDEX jobs_failed_idx ON shithub0018.jobs (failed_at) WHERE completed_at IS NULL AND failed_at IS NOT NULL;
