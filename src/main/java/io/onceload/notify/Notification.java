package io.onceload.notify;

import io.onceload.config.NotifyEvent;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One outcome to tell people about, as the webhook body carries it.
 *
 * @param dedupKey stable per outcome, whatever retries and restarts follow
 * @param task the task for task events, else null
 * @param counts e.g. inserted, updated, unchanged, rejected, deleted
 */
record Notification(String dedupKey, NotifyEvent event, String pipeline, LocalDate logicalDate, UUID runId, String task,
                    String status, Map<String, Long> counts, String file, String error) {

    /** The JSON body: every field, the counts flattened beside them. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event.key());
        body.put("pipeline", pipeline);
        body.put("logical_date", logicalDate == null ? null : logicalDate.toString());
        body.put("run_id", runId == null ? null : runId.toString());
        if (task != null) {
            body.put("task", task);
        }
        body.put("status", status);
        body.put("file", file);
        body.putAll(counts);
        body.put("error", error);
        body.put("dedup_key", dedupKey);
        return body;
    }
}
