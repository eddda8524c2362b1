-- Several services on one database: each run says which instance ran it, and each instance writes a heartbeat
-- with the pipelines it is running, so `status` can list the live ones.
ALTER TABLE onceload.run ADD COLUMN instance text;

CREATE TABLE onceload.instance (
    name         text        PRIMARY KEY,
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    running      text[]      NOT NULL DEFAULT '{}'
);
