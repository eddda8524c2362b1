package io.onceload.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The parameters a pipeline declaration may set, with their documented defaults. */
public enum PipelineParameter {
    NAME("name", "(required)", "pipeline name: lower-case letters, digits, '-' and '_'"),
    TABLE("table", "the pipeline name", "target table, optionally schema-qualified (sales.orders)"),
    KEY("key", "the table's primary key", "comma-separated key columns, or content-hash for data without a key"),
    INBOX("inbox", "inbox/<name>", "directory watched for files"),
    INCLUDE("include", "*.csv", "glob of file names to load; others are left alone"),
    DELIMITER("delimiter", ",", "one field separator character; 'tab' for a tab"),
    ENCODING("encoding", "UTF-8", "character set of the files"),
    BATCH_SIZE("batch-size", "10000", "rows per chunk streamed to the staging table"),
    MAX_REJECTS("max-rejects", "0", "bad rows tolerated before the whole file fails"),
    HEADER_MAPPING("header-mapping", "(none)", "explicit 'CSV header=column' pairs separated by ';'"),
    STABLE_MS("stable-ms", "1000", "milliseconds a file's size and mtime must stay unchanged before it is read"),
    POLL_MS("poll-ms", "1000", "milliseconds between inbox scans"),
    MODE("mode", "upsert", "upsert, insert-only, replace-partitions or replace"),
    PARTITION_COLUMN("partition-column", "(none)", "with replace-partitions: the column whose values are replaced"),
    VERSION_COLUMN("version-column", "(none)", "rows are updated only by an equal or newer version"),
    WATERMARK_COLUMN("watermark-column", "(none)", "rows below the highest value published so far are skipped"),
    RECORD_ID_COLUMN("record-id-column", "record_id", "with key: content-hash, the column holding the record id"),
    HASH_COLUMNS("hash-columns", "all mapped columns", "with key: content-hash, the columns the record id is made from"),
    POST_VERIFY("post-verify", "true", "check key uniqueness and counts after publish, before commit");

    private final String key;
    private final String defaultText;
    private final String meaning;

    PipelineParameter(String key, String defaultText, String meaning) {
        this.key = key;
        this.defaultText = defaultText;
        this.meaning = meaning;
    }

    public String key() {
        return key;
    }

    public String defaultText() {
        return defaultText;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<PipelineParameter> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    public static String validKeys() {
        return Arrays.stream(values()).map(PipelineParameter::key).collect(Collectors.joining(", "));
    }
}
