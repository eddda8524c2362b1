package io.onceload.web;

import io.onceload.cli.RunJson;
import io.onceload.config.PipelineRegistry;
import io.onceload.ledger.RunHistory;
import io.onceload.ledger.RunRecord;
import io.onceload.task.TaskHistory;
import io.onceload.task.TaskRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Runs as the JSON API gives them: the fields of {@code runs --json}, and for one run its rejects and notifications. */
final class RunsView {

    /** Rejected rows shown on a run's page; the whole list is in the rejects file. */
    static final int REJECTS_SHOWN = 20;

    private final DataSource dataSource;
    private final PipelineRegistry registry;

    RunsView(DataSource dataSource, PipelineRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    List<Map<String, Object>> runs(String pipeline, LocalDate from, LocalDate to, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<RunRecord> runs = RunHistory.find(connection, pipeline, from, to, limit);
            Map<UUID, List<TaskRecord>> tasks = TaskHistory.forRuns(connection, runs.stream().map(RunRecord::runId)
                    .toList()).stream().collect(java.util.stream.Collectors.groupingBy(TaskRecord::runId));
            return runs.stream().map(run -> RunJson.fields(run, tasks.getOrDefault(run.runId(), List.of()))).toList();
        }
    }

    Optional<Map<String, Object>> run(UUID runId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Optional<RunRecord> found = RunHistory.byId(connection, runId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            RunRecord run = found.get();
            Map<String, Object> fields = new LinkedHashMap<>(RunJson.fields(run,
                    TaskHistory.forRuns(connection, List.of(runId))));
            fields.put("of_run_id", run.ofRunId() == null ? null : run.ofRunId().toString());
            fields.put("rejects", rejects(run));
            fields.put("notifications", notifications(connection, runId));
            return Optional.of(fields);
        }
    }

    /** The first rejected rows of the run's rejects file: file, line, column, reason and the raw record. */
    private List<List<String>> rejects(RunRecord run) {
        if (run.fileName() == null || run.counts().rejected() == 0) {
            return List.of();
        }
        Optional<Path> file = registry.find(run.pipeline())
                .map(p -> p.rejectedDir().resolve(run.fileName() + ".rejects.csv"));
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8);
             de.siegmar.fastcsv.reader.CsvReader<de.siegmar.fastcsv.reader.CsvRecord> csv =
                     de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(reader)) {
            for (de.siegmar.fastcsv.reader.CsvRecord record : csv) {
                if (rows.size() > REJECTS_SHOWN) {
                    break;
                }
                rows.add(record.getFields());
            }
        } catch (IOException | RuntimeException e) {
            return List.of(List.of("the rejects file cannot be read: " + e.getMessage()));
        }
        return rows;
    }

    private static List<Map<String, Object>> notifications(Connection connection, UUID runId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT event, target, status, attempts, last_error,"
                + " sent_at FROM onceload.outbox WHERE run_id = ? ORDER BY id")) {
            ps.setObject(1, runId);
            List<Map<String, Object>> rows = new ArrayList<>();
            Rows.each(ps.executeQuery(), rs -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("event", rs.getString(1));
                row.put("target", rs.getString(2));
                row.put("status", rs.getString(3));
                row.put("attempts", rs.getInt(4));
                row.put("last_error", rs.getString(5));
                row.put("sent_at", rs.getString(6));
                rows.add(row);
            });
            return rows;
        }
    }
}
