package io.onceload.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The parameters a pipeline declaration may set, with their documented defaults. */
public enum PipelineParameter {
    NAME("name", "(required)", "pipeline name: lower-case letters, digits, '-' and '_'"),
    TABLE("table", "the pipeline name", "target table, optionally schema-qualified (sales.orders)"),
    KEY("key", "the table's primary key", "comma-separated key columns; rows are matched on them"),
    INBOX("inbox", "inbox/<name>", "directory watched for files"),
    INCLUDE("include", "*.csv", "glob of file names to load; others are left alone"),
    DELIMITER("delimiter", ",", "one field separator character; 'tab' for a tab"),
    ENCODING("encoding", "UTF-8", "character set of the files"),
    BATCH_SIZE("batch-size", "10000", "rows per chunk streamed to the staging table"),
    MAX_REJECTS("max-rejects", "0", "bad rows tolerated before the whole file fails"),
    HEADER_MAPPING("header-mapping", "(none)", "explicit 'CSV header=column' pairs separated by ';'"),
    STABLE_MS("stable-ms", "1000", "milliseconds a file's size and mtime must stay unchanged before it is read"),
    POLL_MS("poll-ms", "1000", "milliseconds between inbox scans");

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
