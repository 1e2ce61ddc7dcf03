-- cloud.gov external domain broker (fixture-schemas.md, "cloudgov-broker").
CREATE TABLE public.service_instance (
    id             varchar PRIMARY KEY,
    instance_type  varchar NOT NULL,
    domain_names   jsonb,
    created_at     timestamptz DEFAULT now(),
    deactivated_at timestamptz
);
CREATE TABLE public.operation (
    id                  serial PRIMARY KEY,
    service_instance_id varchar NOT NULL REFERENCES public.service_instance (id),
    state               varchar NOT NULL DEFAULT 'in progress',
    action              varchar NOT NULL,
    canceled_at         timestamptz,
    step_description    varchar,
    created_at          timestamptz DEFAULT now(),
    updated_at          timestamptz
);
-- What Pitwall's counts need on a big table (docs/profiles.md, "counts"): the in-progress operations and the failed.
CREATE INDEX operation_in_progress_idx ON public.operation (updated_at) WHERE state = 'in progress';
CREATE INDEX operation_state_idx ON public.operation (state);
