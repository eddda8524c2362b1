-- Counts of the load modes and options, and the per-pipeline watermark that moves with its publish.
ALTER TABLE onceload.run
    ADD COLUMN ignored         bigint NOT NULL DEFAULT 0,
    ADD COLUMN deleted         bigint NOT NULL DEFAULT 0,
    ADD COLUMN stale           bigint NOT NULL DEFAULT 0,
    ADD COLUMN below_watermark bigint NOT NULL DEFAULT 0;

CREATE TABLE onceload.watermark (
    pipeline    text        PRIMARY KEY,
    column_name text        NOT NULL,
    -- the column's value as PostgreSQL prints it; compared after a cast back to the column's type
    value       text        NOT NULL,
    run_id      uuid        NOT NULL REFERENCES onceload.run (run_id) DEFERRABLE INITIALLY DEFERRED,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
