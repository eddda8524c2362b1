package io.onceload.config;

import io.onceload.table.TableName;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One pipeline's validated settings; built once at startup by {@link PipelineSettingsParser}.
 *
 * @param keyColumns empty means "use the table's primary key"
 * @param headerMapping explicit CSV header to column names, consulted before name matching
 */
public record PipelineSettings(
        String name,
        TableName table,
        List<String> keyColumns,
        Path inbox,
        String include,
        char delimiter,
        Charset encoding,
        int batchSize,
        long maxRejects,
        Map<String, String> headerMapping,
        long stableMs,
        long pollMs,
        LoadRules rules,
        ScheduleSettings schedule) {

    public PipelineSettings {
        keyColumns = List.copyOf(keyColumns);
        headerMapping = Map.copyOf(headerMapping);
    }

    /**
     * Settings for an ad-hoc CLI load into {@code table}, named {@code adhoc-<schema>-<table>}: its own ledger, so
     * an ad-hoc load never makes a declared pipeline skip a file it has not loaded itself.
     */
    public static PipelineSettings adHoc(TableName table, List<String> keyColumns, LoadMode mode,
                                         String partitionColumn, Path inboxRoot) {
        String name = ("adhoc-" + table.schema() + "-" + table.table()).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_-]", "_");
        Map<String, String> raw = new java.util.HashMap<>(Map.of("name", name.substring(0, Math.min(name.length(), 63)),
                "table", table.toString(), "key", String.join(",", keyColumns), "mode", mode.key()));
        if (partitionColumn != null) {
            raw.put("partition-column", partitionColumn);
        }
        return PipelineSettingsParser.parse(raw, inboxRoot);
    }

    /** The columns rows are matched on: the record id with content-hash, else the key parameter (or the PK). */
    public List<String> effectiveKey() {
        return rules.contentHash() ? List.of(rules.recordIdColumn()) : keyColumns;
    }

    public Path rejectedDir() {
        return inbox.resolve(".rejected");
    }
}
