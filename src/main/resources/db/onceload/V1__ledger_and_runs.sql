-- onceload's own bookkeeping. A published file's ledger row and run row commit in the
-- same transaction as its target rows, so "in the ledger" always means "rows are visible".

CREATE TABLE onceload.run (
    run_id       uuid        PRIMARY KEY,
    pipeline     text        NOT NULL,
    trigger      text        NOT NULL CHECK (trigger IN ('inbox', 'cli', 'schedule', 'jmx')),
    logical_date date        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('published', 'skipped', 'failed')),
    target_table text        NOT NULL,
    file_name    text,
    sha256       char(64),
    size_bytes   bigint,
    rows_read    bigint      NOT NULL DEFAULT 0,
    inserted     bigint      NOT NULL DEFAULT 0,
    updated      bigint      NOT NULL DEFAULT 0,
    unchanged    bigint      NOT NULL DEFAULT 0,
    rejected     bigint      NOT NULL DEFAULT 0,
    duplicates   bigint      NOT NULL DEFAULT 0,
    -- a skipped run points at the published run whose content it repeated
    of_run_id    uuid        REFERENCES onceload.run (run_id),
    error        text,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL
);

CREATE INDEX run_pipeline_started ON onceload.run (pipeline, started_at DESC);

CREATE TABLE onceload.file_ledger (
    pipeline     text        NOT NULL,
    sha256       char(64)    NOT NULL,
    run_id       uuid        NOT NULL REFERENCES onceload.run (run_id) DEFERRABLE INITIALLY DEFERRED,
    file_name    text        NOT NULL,
    size_bytes   bigint      NOT NULL,
    target_table text        NOT NULL,
    loaded_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pipeline, sha256)
);
