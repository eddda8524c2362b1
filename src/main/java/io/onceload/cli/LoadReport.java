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
        return json ? JSON.writeValueAsString(fields(o)) : text(o);
    }

    private static String text(LoadOutcome o) {
        Counts c = o.counts();
        return switch (o.status()) {
            case PUBLISHED -> o.file() + ": published — " + c.inserted() + " inserted, " + c.updated() + " updated, "
                    + c.unchanged() + " unchanged, " + c.rejected() + " rejected" + extras(c) + " (run " + o.runId() + ")";
            case SKIPPED -> o.file() + ": skipped — already loaded as run " + o.runId() + " (sha256 " + o.sha256() + ")";
            case FAILED -> o.file() + ": failed — " + o.error();
        };
    }

    /** Counts only some modes produce, shown when they are not zero. */
    private static String extras(Counts c) {
        StringBuilder extras = new StringBuilder();
        long[] values = {c.ignored(), c.deleted(), c.stale(), c.belowWatermark()};
        String[] names = {"ignored", "deleted", "stale", "below watermark"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                extras.append(", ").append(values[i]).append(' ').append(names[i]);
            }
        }
        return extras.toString();
    }

    private static Map<String, Object> fields(LoadOutcome o) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("file", o.file());
        fields.put("pipeline", o.pipeline());
        fields.put("status", o.status().dbValue());
        fields.put("sha256", o.sha256());
        fields.put("run_id", o.runId() == null ? null : o.runId().toString());
        fields.put("inserted", o.counts().inserted());
        fields.put("updated", o.counts().updated());
        fields.put("unchanged", o.counts().unchanged());
        fields.put("rejected", o.counts().rejected());
        fields.put("ignored", o.counts().ignored());
        fields.put("deleted", o.counts().deleted());
        fields.put("stale", o.counts().stale());
        fields.put("below_watermark", o.counts().belowWatermark());
        fields.put("error", o.error());
        return fields;
    }
}
