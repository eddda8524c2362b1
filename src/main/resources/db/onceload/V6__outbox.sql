-- Notifications, as a transactional outbox: a row is inserted in the same transaction that records the outcome
-- (the publish, the failed run, the failed task), so a rolled-back attempt enqueues nothing and a committed outcome
-- enqueues exactly once. The dispatcher claims due rows with FOR UPDATE SKIP LOCKED, sends them and marks them.
CREATE TABLE onceload.outbox (
    id              bigserial   PRIMARY KEY,
    -- stable per outcome: sent as Idempotency-Key, so a receiver can drop the resend a crash may cause
    dedup_key       text        NOT NULL,
    pipeline        text        NOT NULL,
    -- the target as it may be shown (no user info, no query string); the real one comes from the pipeline's settings
    target          text        NOT NULL,
    event           text        NOT NULL,
    logical_date    date,
    run_id          uuid,
    task            text,
    payload         json        NOT NULL, -- json keeps the field order the body was written in
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    UNIQUE (dedup_key, target)
);

CREATE INDEX outbox_due ON onceload.outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_pipeline ON onceload.outbox (pipeline, created_at);
