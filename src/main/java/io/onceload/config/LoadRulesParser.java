package io.onceload.config;

import java.util.Arrays;
import java.util.List;

/** Reads the mode and its options from a pipeline's parameters, refusing combinations that would lose rows. */
final class LoadRulesParser {

    private LoadRulesParser() {
    }

    static LoadRules parse(PipelineSettingsParser.Values values) {
        String modeText = values.text(PipelineParameter.MODE, LoadMode.UPSERT.key());
        LoadMode mode = LoadMode.of(modeText).orElseThrow(() -> values.invalid(PipelineParameter.MODE,
                "must be one of " + LoadMode.validKeys()));
        String partition = values.optional(PipelineParameter.PARTITION_COLUMN);
        if ((mode == LoadMode.REPLACE_PARTITIONS) != (partition != null)) {
            throw values.invalid(PipelineParameter.PARTITION_COLUMN, mode == LoadMode.REPLACE_PARTITIONS
                    ? "is required with mode replace-partitions" : "is only valid with mode replace-partitions");
        }
        String watermark = values.optional(PipelineParameter.WATERMARK_COLUMN);
        String version = values.optional(PipelineParameter.VERSION_COLUMN);
        if (mode == LoadMode.REPLACE || mode == LoadMode.REPLACE_PARTITIONS) {
            // in the replace modes a row that is not written (skipped, stale, rejected) counts as "no longer
            // in the file" and would be deleted
            for (PipelineParameter p : List.of(PipelineParameter.WATERMARK_COLUMN, PipelineParameter.VERSION_COLUMN)) {
                if (values.raw.containsKey(p.key())) {
                    throw values.invalid(p, "cannot be combined with mode " + mode.key()
                            + " (valid with upsert, insert-only)");
                }
            }
            if (!values.text(PipelineParameter.MAX_REJECTS, "0").equals("0")) {
                throw values.invalid(PipelineParameter.MAX_REJECTS, "must be 0 with mode " + mode.key()
                        + ": a rejected row would be deleted from the target");
            }
        }
        boolean contentHash = values.text(PipelineParameter.KEY, "").equals(PipelineSettingsParser.CONTENT_HASH);
        if (!contentHash && (values.raw.containsKey(PipelineParameter.RECORD_ID_COLUMN.key())
                || values.raw.containsKey(PipelineParameter.HASH_COLUMNS.key()))) {
            throw values.invalid(values.raw.containsKey(PipelineParameter.HASH_COLUMNS.key())
                    ? PipelineParameter.HASH_COLUMNS
                    : PipelineParameter.RECORD_ID_COLUMN, "is only valid with key: content-hash");
        }
        String hashes = values.text(PipelineParameter.HASH_COLUMNS, "");
        return new LoadRules(mode, partition, version, watermark,
                contentHash ? values.text(PipelineParameter.RECORD_ID_COLUMN, "record_id") : null,
                hashes.isEmpty() ? List.of() : Arrays.stream(hashes.split(",")).map(String::trim).toList(),
                values.flag(PipelineParameter.POST_VERIFY, true));
    }
}
