-- Runs and task attempts started from the web view's actions record the trigger 'http'.
ALTER TABLE onceload.run DROP CONSTRAINT run_trigger_check;
ALTER TABLE onceload.run ADD CONSTRAINT run_trigger_check
    CHECK (trigger IN ('inbox', 'cli', 'schedule', 'jmx', 'http'));
ALTER TABLE onceload.task_run DROP CONSTRAINT task_run_trigger_check;
ALTER TABLE onceload.task_run ADD CONSTRAINT task_run_trigger_check
    CHECK (trigger IN ('inbox', 'cli', 'schedule', 'jmx', 'http'));
