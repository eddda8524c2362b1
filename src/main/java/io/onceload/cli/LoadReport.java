package io.onceload.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceload.config.PipelineSettings;
import io.onceload.ledger.Counts;
import io.onceload.ledger.RunStatus;
import io.onceload.load.LoadOutcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Formats one file's outcome as a line for people or a JSON object for scripts. */
final class LoadReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean json;

    LoadReport(boolean json) {
        this.json = json;
    }

    static LoadOutcome notLoaded(Path file, PipelineSettings pipeline, String error) {
        return new LoadOutcome(file.getFileName().toString(), pipeline.name(), RunStatus.FAILED, null, null,
                Counts.NONE, error);
    }

    String line(LoadOutcome o) throws JsonProcessingException {
        return json ? JSON.writeValueAsString(fields(o)) : o.summary();
    }

    private static Map<String, Object> fields(LoadOutcome o) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("file", o.file());
        fields.put("pipeline", o.pipeline());
        fields.put("status", o.status().dbValue());
        fields.put("sha256", o.sha256());
        fields.put("run_id", o.runId() == null ? null : o.runId().toString());
        fields.put("rows_read", o.counts().rowsRead());
        fields.put("inserted", o.counts().inserted());
        fields.put("updated", o.counts().updated());
        fields.put("unchanged", o.counts().unchanged());
        fields.put("rejected", o.counts().rejected());
        fields.put("ignored", o.counts().ignored());
        fields.put("deleted", o.counts().deleted());
        fields.put("stale", o.counts().stale());
        fields.put("below_watermark", o.counts().belowWatermark());
        fields.put("duplicates", o.counts().duplicates());
        fields.put("error", o.error());
        return fields;
    }
}
