package io.onceload.task;

import io.onceload.config.PipelineSettings;
import io.onceload.ledger.RunHistory;
import io.onceload.load.TransientLoadException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/** Whether a pipeline's logical dates are complete: a run completed the date and every task its loads owe succeeded. */
final class DateCompletion {

    private final DataSource dataSource;
    private final TaskGraph graph;

    DateCompletion(DataSource dataSource, TaskGraph graph) {
        this.dataSource = dataSource;
        this.graph = graph;
    }

    /**
     * Whether each logical date from {@code from} on that has runs is complete: a run completed it (published,
     * skipped, no input) and every task its loads owe succeeded. Newest first, e.g. {@code 2026-11-23 incomplete
     * (daily_revenue failed)}.
     */
    List<String> states(PipelineSettings pipeline, LocalDate from) {
        Map<LocalDate, List<TaskHistory.Owed>> loads = new HashMap<>();
        Map<LocalDate, List<TaskRecord>> attempts = new HashMap<>();
        Map<LocalDate, RunHistory.DateRuns> runs;
        try (Connection connection = dataSource.getConnection()) {
            runs = RunHistory.dates(connection, pipeline.name(), from);
        } catch (SQLException e) {
            throw new TransientLoadException(pipeline.name() + ": cannot read the run history: " + e.getMessage(), e);
        }
        TaskHistory.read(dataSource, pipeline.name(), from, LocalDate.of(9999, 12, 31), loads, attempts);
        return runs.keySet().stream().sorted(java.util.Comparator.reverseOrder())
                .map(date -> state(pipeline, date, runs, loads, attempts)).toList();
    }

    /** Whether a run completed the date and every task its loads owe succeeded. */
    boolean isComplete(PipelineSettings pipeline, LocalDate date) {
        return states(pipeline, date).stream().anyMatch(state -> state.equals(date + " complete"));
    }

    private String state(PipelineSettings pipeline, LocalDate date,
                         Map<LocalDate, RunHistory.DateRuns> runs,
                         Map<LocalDate, List<TaskHistory.Owed>> loads, Map<LocalDate, List<TaskRecord>> attempts) {
        if (!runs.get(date).complete()) {
            return date + " incomplete (load " + runs.get(date).latest().dbValue() + ")";
        }
        List<String> open = new ArrayList<>();
        for (TaskSettings task : graph.tasks(pipeline.name())) {
            List<TaskRecord> mine = attempts.getOrDefault(date, List.of()).stream()
                    .filter(a -> a.task().equals(task.name())).toList();
            if (!mine.isEmpty() && !mine.get(mine.size() - 1).succeeded()) {
                open.add(task.name() + " " + mine.get(mine.size() - 1).status());
            } else if (TaskDue.of(task.name(), loads.getOrDefault(date, List.of()), mine, Set.of()).isPresent()) {
                open.add(task.name() + " owed");
            }
        }
        return date + (open.isEmpty() ? " complete" : " incomplete (" + String.join(", ", open) + ")");
    }
}
