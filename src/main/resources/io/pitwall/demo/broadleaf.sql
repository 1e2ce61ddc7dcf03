-- Broadleaf Commerce scheduled jobs and events, and sandbox workflow deployments (fixture-schemas.md, "broadleaf").
-- These tables belong to Broadleaf's commercial modules; names not public are the "assumed" ones.
CREATE TABLE public.blc_registered_node (
    node_key       varchar PRIMARY KEY,
    node_type      varchar NOT NULL,
    registered_at  timestamptz NOT NULL DEFAULT now(),
    last_heartbeat timestamptz
);
CREATE TABLE public.blc_serial_event_lock (
    key_val      varchar PRIMARY KEY,
    lock_val     int NOT NULL DEFAULT 0,
    date_updated timestamptz,
    node_key     varchar
);
CREATE TABLE public.blc_sched_job_master (
    sched_job_master_id int PRIMARY KEY,
    node_key            varchar,
    date_updated        timestamptz
);
CREATE TABLE public.blc_process_status (
    process_status_id bigint PRIMARY KEY,
    description       varchar,
    execution_id      bigint,
    execution_type    varchar,
    friendly_name     varchar,
    is_archived       boolean DEFAULT false,
    is_paused         boolean DEFAULT false,
    last_updated      timestamptz,
    name              varchar,
    percent_complete  int,
    process_id        bigint,
    version           int
);
CREATE INDEX blc_process_status_execution_idx ON public.blc_process_status (execution_id);
CREATE SEQUENCE public.blc_process_status_seq START 1000;
CREATE TABLE public.blc_sndbx_wrkflw_deploy (
    workflow_deployment_id bigint PRIMARY KEY,
    status                 varchar NOT NULL,
    deploy_date            timestamptz
);
CREATE SEQUENCE public.blc_sndbx_wrkflw_deploy_seq START 5000;
CREATE TABLE public.blc_sndbx_wrkflw_event (
    workflow_event_id  bigint PRIMARY KEY,
    workflow_deploy_id bigint NOT NULL,
    action_type        varchar NOT NULL,
    setup_status       int NOT NULL DEFAULT 100
);
CREATE INDEX blc_sndbx_wrkflw_event_deploy_idx ON public.blc_sndbx_wrkflw_event (workflow_deploy_id);
CREATE SEQUENCE public.blc_sndbx_wrkflw_event_seq START 20000;
CREATE TABLE public.blc_sndbx_wrkflw_event_item (
    event_id bigint NOT NULL,
    item_id  bigint NOT NULL
);
CREATE TABLE public.blc_sndbx_wrkflw_item (
    wrkflw_sndbx_item_id bigint PRIMARY KEY,
    grp_description      varchar,
    scheduled_date       timestamptz,
    archived_flag        boolean DEFAULT false,
    container_id         bigint
);
CREATE SEQUENCE public.blc_sndbx_wrkflw_item_seq START 90000;
-- What Pitwall's counts need on a big table (docs/profiles.md, "counts"): deployments by status.
CREATE INDEX blc_sndbx_wrkflw_deploy_status_idx ON public.blc_sndbx_wrkflw_deploy (status);
