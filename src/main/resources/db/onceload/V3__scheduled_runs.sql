-- Scheduled and manual runs: a run can end without a file. 'missing-input' means the day's source file was not
-- there (the next trigger tries that date again); 'no-input' means the inbox held nothing ready to load.
ALTER TABLE onceload.run DROP CONSTRAINT run_status_check;
ALTER TABLE onceload.run ADD CONSTRAINT run_status_check
    CHECK (status IN ('published', 'skipped', 'failed', 'missing-input', 'no-input'));

-- catch-up asks "which logical dates of this pipeline already have a finished run"
CREATE INDEX run_pipeline_logical_date ON onceload.run (pipeline, logical_date);
