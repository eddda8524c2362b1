-- The tasks after a load (derived tables, checks). A published load records what its tasks owe in the same
-- transaction as its rows, so a crash between the load's commit and its tasks leaves the debt on record: the next
-- run of the pipeline (or the start of the service) pays it.
CREATE TABLE onceload.run_owes (
    run_id       uuid        PRIMARY KEY REFERENCES onceload.run (run_id) ON DELETE CASCADE
                             DEFERRABLE INITIALLY DEFERRED,
    pipeline     text        NOT NULL,
    logical_date date        NOT NULL,
    -- the tasks declared when the load published, in dependency order
    tasks        text[]      NOT NULL,
    -- per column of the loaded table: the values the load touched (present in the file, or the previous value of a
    -- row it updated or deleted), as text
    partitions   jsonb       NOT NULL DEFAULT '{}',
    -- publish order: a task attempt records the highest seq it covered, so "a load published after the task last
    -- ran" never depends on two clocks agreeing
    seq          bigserial   NOT NULL UNIQUE
);

CREATE INDEX run_owes_pipeline_date ON onceload.run_owes (pipeline, logical_date);

-- One row per attempt of a task. run_id is the load the task ran for (null for a clear of a date without loads).
CREATE TABLE onceload.task_run (
    task_run_id  uuid        PRIMARY KEY,
    pipeline     text        NOT NULL,
    logical_date date        NOT NULL,
    task         text        NOT NULL,
    attempt      int         NOT NULL CHECK (attempt >= 1),
    run_id       uuid        REFERENCES onceload.run (run_id) ON DELETE CASCADE,
    trigger      text        NOT NULL CHECK (trigger IN ('inbox', 'cli', 'schedule', 'jmx')),
    status       text        NOT NULL CHECK (status IN ('succeeded', 'failed', 'upstream-failed', 'skipped')),
    -- the highest run_owes.seq of the date this attempt read its input after
    covers       bigint      NOT NULL DEFAULT 0,
    inserted     bigint      NOT NULL DEFAULT 0,
    updated      bigint      NOT NULL DEFAULT 0,
    deleted      bigint      NOT NULL DEFAULT 0,
    unchanged    bigint      NOT NULL DEFAULT 0,
    error        text,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL
);

CREATE INDEX task_run_pipeline_date ON onceload.task_run (pipeline, logical_date, task, attempt);
CREATE INDEX task_run_run ON onceload.task_run (run_id, task, attempt);
