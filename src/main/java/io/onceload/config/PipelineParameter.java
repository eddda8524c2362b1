package io.onceload.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The parameters a pipeline declaration may set, with their documented defaults; meanings are in the README. */
public enum PipelineParameter {
    NAME("name", "(required)"),
    TABLE("table", "the pipeline name"),
    KEY("key", "the table's primary key", "Key columns, comma-separated, or content-hash."),
    INBOX("inbox", "inbox/<name>"),
    INCLUDE("include", "*.csv"),
    DELIMITER("delimiter", ",", "One field separator character, or tab."),
    ENCODING("encoding", "UTF-8", "Character set of the files (UTF-8, ISO-8859-1, windows-1252, ...)."),
    BATCH_SIZE("batch-size", "10000", "Rows per chunk streamed to the staging table."),
    MAX_REJECTS("max-rejects", "0", "Bad rows tolerated before the whole file fails."),
    HEADER_MAPPING("header-mapping", "(none)", "CSV header=column pairs separated by ';'."),
    STABLE_MS("stable-ms", "1000"),
    POLL_MS("poll-ms", "1000"),
    MODE("mode", "upsert", "upsert, insert-only, replace-partitions or replace."),
    PARTITION_COLUMN("partition-column", "(none)", "With mode replace-partitions: the column whose values are"
            + " replaced."),
    VERSION_COLUMN("version-column", "(none)", "Rows are updated only by an equal or newer version."),
    WATERMARK_COLUMN("watermark-column", "(none)", "Rows below the highest value published so far are skipped."),
    RECORD_ID_COLUMN("record-id-column", "record_id", "With key content-hash: the column that receives the record"
            + " id."),
    HASH_COLUMNS("hash-columns", "all the file's columns", "With key content-hash: the columns the record id is"
            + " computed from."),
    POST_VERIFY("post-verify", "true", "Check keys after publish, before commit (true or false)."),
    SCHEDULE("schedule", "(none)"),
    TIMEZONE("timezone", "UTC"),
    SOURCE("source", "(none)"),
    SOURCE_DB_URL("source-db-url", "(none)"),
    SOURCE_DB_USER("source-db-user", "(driver default)"),
    SOURCE_DB_PASSWORD("source-db-password", "(none)"),
    SOURCE_QUERY("source-query", "(none)"),
    SOURCE_FETCH_SIZE("source-fetch-size", "10000"),
    DATE_FORMAT("date-format", "yyyy-MM-dd"),
    CATCHUP("catchup", "true"),
    DEADLINE("deadline", "(none)"),
    NOTIFY("notify", "(none)"),
    NOTIFY_ON("notify-on", "failed"),
    NOTIFY_FORMAT("notify-format", "json"),
    NOTIFY_MAIL_TO("notify-mail-to", "(none)"),
    NOTIFY_MAIL_FROM("notify-mail-from", "onceload@localhost"),
    NOTIFY_ATTEMPTS("notify-attempts", "10"),
    NOTIFY_BACKOFF_MS("notify-backoff-ms", "1000");

    private final String key;
    private final String defaultText;
    /** One line for {@code load --table --help}; null for parameters that mean nothing for a single load. */
    private final String adHocHelp;

    PipelineParameter(String key, String defaultText) {
        this(key, defaultText, null);
    }

    PipelineParameter(String key, String defaultText, String adHocHelp) {
        this.key = key;
        this.defaultText = defaultText;
        this.adHocHelp = adHocHelp;
    }

    /** Whether {@code load --table} takes it as {@code --<key>}: it shapes one load, not an inbox or a schedule. */
    public boolean adHoc() {
        return adHocHelp != null;
    }

    public String adHocHelp() {
        return adHocHelp;
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
