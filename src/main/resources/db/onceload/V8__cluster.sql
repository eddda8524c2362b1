-- Several instances on one database: a scheduled run names the fire it belongs to, so "each fire ran once" can be
-- read from the history.
ALTER TABLE onceload.run ADD COLUMN scheduled_at timestamptz;
