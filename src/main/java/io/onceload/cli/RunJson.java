package io.onceload.cli;

import io.onceload.ledger.Counts;
import io.onceload.ledger.RunRecord;
import io.onceload.task.TaskRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run as the {@code runs --json} line shows it. */
public final class RunJson {

    private RunJson() {
    }

    /** Snake_case fields for JSON Lines; timestamps as ISO-8601 UTC so scripts need no zone handling. */
    public static Map<String, Object> fields(RunRecord run, List<TaskRecord> tasks) {
        Counts c = run.counts();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("run_id", run.runId().toString());
        fields.put("pipeline", run.pipeline());
        fields.put("logical_date", run.logicalDate().toString());
        fields.put("trigger", run.trigger().dbValue());
        fields.put("instance", run.instance());
        fields.put("scheduled_at", run.scheduledAt() == null ? null : run.scheduledAt().toString());
        fields.put("status", run.status().dbValue());
        fields.put("started_at", run.startedAt().toString());
        fields.put("finished_at", run.finishedAt().toString());
        fields.put("file", run.fileName());
        fields.put("sha256", run.sha256());
        fields.put("rows_read", c.rowsRead());
        fields.put("inserted", c.inserted());
        fields.put("updated", c.updated());
        fields.put("unchanged", c.unchanged());
        fields.put("rejected", c.rejected());
        fields.put("duplicates", c.duplicates());
        fields.put("ignored", c.ignored());
        fields.put("deleted", c.deleted());
        fields.put("stale", c.stale());
        fields.put("below_watermark", c.belowWatermark());
        fields.put("error", run.error());
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (TaskRecord task : tasks) {
            Map<String, Object> attempt = new LinkedHashMap<>();
            attempt.put("task", task.task());
            attempt.put("status", task.status());
            attempt.put("attempt", task.attempt());
            attempt.put("trigger", task.trigger().dbValue());
            attempt.put("inserted", task.inserted());
            attempt.put("updated", task.updated());
            attempt.put("deleted", task.deleted());
            attempt.put("unchanged", task.unchanged());
            attempt.put("error", task.error());
            attempts.add(attempt);
        }
        fields.put("tasks", attempts);
        return fields;
    }
}
