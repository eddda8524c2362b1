package io.onceload.task;

import io.onceload.sql.NamedSql;

import io.onceload.config.SettingsException;
import io.onceload.table.TableName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns an {@code onceload-task} declaration into {@link TaskSettings}, or says exactly what is wrong. */
final class TaskSettingsParser {

    /** Every parameter an {@code onceload-task} takes. */
    static final List<String> KEYS = List.of("pipeline", "task", "after", "kind", "sql", "table", "partition-column",
            "slice", "retries", "backoff-ms");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final int DEFAULT_RETRIES = 6;
    private static final long DEFAULT_BACKOFF_MS = 1000;

    private TaskSettingsParser() {
    }

    /** @param project the folder {@code sql} paths are relative to */
    static TaskSettings parse(Map<String, ?> supplied, Path project) {
        Map<String, String> raw = new LinkedHashMap<>();
        supplied.forEach((key, value) -> raw.put(key, value == null ? "" : value.toString().strip()));
        String pipeline = raw.getOrDefault("pipeline", "");
        String task = raw.getOrDefault("task", "");
        String label = "pipeline '" + pipeline + "' task '" + task + "'";
        raw.keySet().stream().filter(key -> !KEYS.contains(key)).findFirst().ifPresent(key -> {
            throw new SettingsException(label + ": unknown parameter '" + key + "' (value '" + raw.get(key)
                    + "'); valid parameters: " + String.join(", ", KEYS));
        });
        if (!NAME.matcher(pipeline).matches()) {
            throw invalid(label, "pipeline", "must name a declared pipeline (" + NAME.pattern() + ")", pipeline);
        }
        if (!NAME.matcher(task).matches() || task.equals(TaskSettings.LOAD)) {
            throw invalid(label, "task", "must match " + NAME.pattern() + " and not be 'load'", task);
        }
        List<String> after = Arrays.stream(raw.getOrDefault("after", TaskSettings.LOAD).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (after.isEmpty()) {
            throw invalid(label, "after", "must name at least one upstream task, or load", raw.get("after"));
        }
        String kindText = raw.getOrDefault("kind", "");
        TaskKind kind = TaskKind.of(kindText).orElseThrow(() -> invalid(label, "kind", "must be one of "
                + TaskKind.validKeys(), kindText));
        String sqlText = raw.getOrDefault("sql", "");
        if (sqlText.isEmpty()) {
            throw invalid(label, "sql", "is required: the path of the task's SQL file, e.g. sql/" + task + ".sql",
                    sqlText);
        }
        Path sqlFile = project.resolve(sqlText).toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(sqlFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw invalid(label, "sql", "must be a readable file (" + sqlFile + ": " + e.getMessage() + ")", sqlText);
        }
        NamedSql sql = NamedSql.parse(text);
        if (sql.statements().isEmpty() || kind != TaskKind.SQL && sql.statements().size() != 1) {
            throw invalid(label, "sql", kind == TaskKind.SQL ? "holds no statement"
                    : "must hold exactly one query for kind " + kind.key() + ", found " + sql.statements().size(),
                    sqlText);
        }
        sql.used().stream().filter(name -> !TaskBindings.NAMES.contains(name)).findFirst().ifPresent(name -> {
            throw invalid(label, "sql", "uses the unknown named parameter :" + name + "; valid: :"
                    + String.join(", :", TaskBindings.NAMES), sqlText);
        });
        TableName table = null;
        String partitionColumn = raw.get("partition-column");
        Slice slice = null;
        if (kind == TaskKind.SLICE) {
            try {
                table = TableName.parse(raw.getOrDefault("table", ""));
            } catch (IllegalArgumentException e) {
                throw invalid(label, "table", "is required for kind slice: <table> or <schema>.<table> ("
                        + e.getMessage() + ")", raw.getOrDefault("table", ""));
            }
            if (partitionColumn == null || partitionColumn.isEmpty()) {
                throw invalid(label, "partition-column", "is required for kind slice", "");
            }
            String sliceText = raw.getOrDefault("slice", "");
            slice = Slice.of(sliceText).orElseThrow(() -> invalid(label, "slice", "must be one of "
                    + Slice.validKeys() + " for kind slice", sliceText));
        } else {
            for (String key : List.of("table", "partition-column", "slice")) {
                if (raw.containsKey(key)) {
                    throw invalid(label, key, "is only valid with kind slice", raw.get(key));
                }
            }
        }
        if (sql.used().contains("partitions") && slice != Slice.LOADED_PARTITIONS) {
            throw invalid(label, "sql", "uses :partitions, which only a slice: loaded-partitions task has", sqlText);
        }
        int retries = (int) number(label, raw, "retries", DEFAULT_RETRIES, 0, 100);
        long backoffMs = number(label, raw, "backoff-ms", DEFAULT_BACKOFF_MS, 0, 3_600_000);
        return new TaskSettings(pipeline, task, after, kind, sqlFile, sql, table, partitionColumn, slice, retries,
                backoffMs, "text");
    }

    private static long number(String label, Map<String, String> raw, String key, long fallback, long min, long max) {
        String text = raw.get(key);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw invalid(label, key, "must be between " + min + " and " + max, text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(label, key, "must be a whole number", text);
        }
    }

    private static SettingsException invalid(String label, String key, String rule, String value) {
        return new SettingsException(label + ": " + key + " " + rule + ", was '" + value + "'");
    }
}
