package io.onceload.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The parameters a pipeline declaration may set, with their documented defaults; meanings are in the README. */
public enum PipelineParameter {
    NAME("name", "(required)"),
    TABLE("table", "the pipeline name"),
    KEY("key", "the table's primary key"),
    INBOX("inbox", "inbox/<name>"),
    INCLUDE("include", "*.csv"),
    DELIMITER("delimiter", ","),
    ENCODING("encoding", "UTF-8"),
    BATCH_SIZE("batch-size", "10000"),
    MAX_REJECTS("max-rejects", "0"),
    HEADER_MAPPING("header-mapping", "(none)"),
    STABLE_MS("stable-ms", "1000"),
    POLL_MS("poll-ms", "1000"),
    MODE("mode", "upsert"),
    PARTITION_COLUMN("partition-column", "(none)"),
    VERSION_COLUMN("version-column", "(none)"),
    WATERMARK_COLUMN("watermark-column", "(none)"),
    RECORD_ID_COLUMN("record-id-column", "record_id"),
    HASH_COLUMNS("hash-columns", "all the file's columns"),
    POST_VERIFY("post-verify", "true"),
    SCHEDULE("schedule", "(none)"),
    TIMEZONE("timezone", "UTC"),
    SOURCE("source", "(none)"),
    DATE_FORMAT("date-format", "yyyy-MM-dd"),
    CATCHUP("catchup", "true");

    private final String key;
    private final String defaultText;

    PipelineParameter(String key, String defaultText) {
        this.key = key;
        this.defaultText = defaultText;
    }

    public String key() {
        return key;
    }

    /** The default as the README's parameter table states it (a test keeps the two equal). */
    public String defaultText() {
        return defaultText;
    }

    public static Optional<PipelineParameter> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    public static String validKeys() {
        return Arrays.stream(values()).map(PipelineParameter::key).collect(Collectors.joining(", "));
    }
}
