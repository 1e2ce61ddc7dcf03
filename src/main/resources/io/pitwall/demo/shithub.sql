-- shithub jobs table as its drain-workers runbook describes it (fixture-schemas.md, "shithub").
CREATE SCHEMA IF NOT EXISTS shithub;
CREATE TABLE shithub.jobs (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL,
    payload     jsonb NOT NULL DEFAULT '{}',
    state       text NOT NULL DEFAULT 'queued',
    leased_by   text,
    leased_at   timestamptz,
    attempts    int NOT NULL DEFAULT 0,
    last_error  text,
    run_at      timestamptz NOT NULL DEFAULT now(),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_state_kind_idx ON shithub.jobs (state, kind, run_at);
