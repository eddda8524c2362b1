package io.onceload.config;

import io.onceload.ledger.Sha256;
import io.onceload.table.TableName;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
        ScheduleSettings schedule,
        NotifySettings notifications,
        Optional<PullSettings> pull) {

    public PipelineSettings {
        keyColumns = List.copyOf(keyColumns);
        headerMapping = Map.copyOf(headerMapping);
    }

    /**
     * With replace-partitions, a pull whose query is bound to {@code :logical_date} also replaces that date's
     * partition: its rows may all have disappeared at the source, and then the result names no partition at all.
     */
    public Optional<String> replacedSlice(java.time.LocalDate logicalDate) {
        return pull().filter(p -> rules.mode() == LoadMode.REPLACE_PARTITIONS && p.names().contains("logical_date"))
                .map(p -> logicalDate.toString());
    }

    /**
     * Settings for an ad-hoc CLI load into {@code table}, named by {@link #adHocName}: its own ledger, so
     * an ad-hoc load never makes a declared pipeline skip a file it has not loaded itself.
     *
     * @param options {@link PipelineParameter#adHoc()} parameters by key, validated as in a pipeline file
     */
    public static PipelineSettings adHoc(TableName table, Map<String, String> options, Path inboxRoot) {
        Map<String, String> raw = new java.util.HashMap<>(options);
        raw.put("name", adHocName(table));
        raw.put("table", table.toString());
        return PipelineSettingsParser.parse(raw, inboxRoot);
    }

    /**
     * {@code adhoc-<schema>-<table>}, or for a name that pipeline names cannot spell exactly (upper case, other
     * characters, too long) its readable part plus a digest of the exact name: the name keys the ad-hoc ledger, so
     * {@code Orders} and {@code orders} must never share one and skip each other's content.
     */
    static String adHocName(TableName table) {
        String plain = "adhoc-" + table.schema() + "-" + table.table();
        if (plain.length() <= 63 && (table.schema() + table.table()).matches("[a-z0-9_]+")) {
            return plain;
        }
        MessageDigest digest = Sha256.newDigest();
        digest.update((table.schema() + '\0' + table.table()).getBytes(StandardCharsets.UTF_8));
        String readable = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return readable.substring(0, Math.min(readable.length(), 54)) + "-" + Sha256.hex(digest).substring(0, 8);
    }

    /** The columns rows are matched on: the record id with content-hash, else the key parameter (or the PK). */
    public List<String> effectiveKey() {
        return rules.contentHash() ? List.of(rules.recordIdColumn()) : keyColumns;
    }

    public Path rejectedDir() {
        return inbox.resolve(".rejected");
    }
}
