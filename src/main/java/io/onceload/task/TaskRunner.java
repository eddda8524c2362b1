package io.onceload.task;

import io.onceload.config.PipelineSettings;
import io.onceload.ledger.Trigger;
import io.onceload.load.TransientLoadException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs the tasks a pipeline's loads owe, date by date, oldest first, each in dependency order; and clears (runs
 * again) chosen tasks for chosen dates. Callers hold the pipeline's run lock.
 */
public final class TaskRunner {

    private static final LocalDate FIRST = LocalDate.of(1, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    private final DataSource dataSource;
    private final TaskGraph graph;
    private final Function<TaskExecution.Attempt, TaskRecord> route;
    /** Attempts that failed in this process: not tried again until new input, a clear or a restart. */
    private final Set<UUID> failedHere = ConcurrentHashMap.newKeySet();

    /** @param route runs one attempt through the task's Camel route, which retries transient errors */
    public TaskRunner(DataSource dataSource, TaskGraph graph, Function<TaskExecution.Attempt, TaskRecord> route) {
        this.dataSource = dataSource;
        this.graph = graph;
        this.route = route;
    }

    public TaskGraph graph() {
        return graph;
    }

    /** Every task the pipeline's loads owe, oldest date first. */
    public List<TaskRecord> runOwed(PipelineSettings pipeline, Trigger trigger) {
        if (!graph.hasTasks(pipeline.name())) {
            return List.of();
        }
        Map<LocalDate, List<TaskHistory.Owed>> loads = new java.util.TreeMap<>();
        Map<LocalDate, List<TaskRecord>> attempts = new HashMap<>();
        read(pipeline, FIRST, LAST, loads, attempts);
        List<TaskRecord> results = new ArrayList<>();
        loads.forEach((date, owed) -> results.addAll(runDate(pipeline, date, owed,
                attempts.getOrDefault(date, List.of()), graph.tasks(pipeline.name()), trigger, false)));
        return results;
    }

    /**
     * Runs the task (and with {@code downstream} every task after it) again for each date, oldest first, whatever
     * its state: a new attempt each, with the given trigger.
     */
    public List<TaskRecord> clear(PipelineSettings pipeline, String task, boolean downstream, List<LocalDate> dates,
                                  Trigger trigger) {
        List<TaskSettings> tasks = downstream ? graph.withDownstream(pipeline.name(), task)
                : List.of(graph.task(pipeline, task));
        List<TaskRecord> results = new ArrayList<>();
        for (LocalDate date : dates) {
            Map<LocalDate, List<TaskHistory.Owed>> loads = new HashMap<>();
            Map<LocalDate, List<TaskRecord>> attempts = new HashMap<>();
            read(pipeline, date, date, loads, attempts);
            results.addAll(runDate(pipeline, date, loads.getOrDefault(date, List.of()),
                    attempts.getOrDefault(date, List.of()), tasks, trigger, true));
        }
        return results;
    }

    /**
     * Whether each logical date from {@code from} on that has runs is complete: a run completed it (published,
     * skipped, no input) and every task its loads owe succeeded. Newest first, e.g. {@code 2026-11-23 incomplete
     * (daily_revenue failed)}.
     */
    public List<String> dateStates(PipelineSettings pipeline, LocalDate from) {
        Map<LocalDate, List<TaskHistory.Owed>> loads = new HashMap<>();
        Map<LocalDate, List<TaskRecord>> attempts = new HashMap<>();
        Map<LocalDate, io.onceload.ledger.RunHistory.DateRuns> runs;
        try (Connection connection = dataSource.getConnection()) {
            runs = io.onceload.ledger.RunHistory.dates(connection, pipeline.name(), from);
        } catch (SQLException e) {
            throw new TransientLoadException(pipeline.name() + ": cannot read the run history: " + e.getMessage(), e);
        }
        read(pipeline, from, LAST, loads, attempts);
        return runs.keySet().stream().sorted(java.util.Comparator.reverseOrder()).map(date -> {
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
        }).toList();
    }

    private List<TaskRecord> runDate(PipelineSettings pipeline, LocalDate date, List<TaskHistory.Owed> loads,
                                     List<TaskRecord> attempts, List<TaskSettings> tasks, Trigger trigger,
                                     boolean force) {
        Map<String, String> status = new HashMap<>();
        Map<String, Integer> attemptNo = new HashMap<>();
        for (TaskRecord a : attempts) {
            status.put(a.task(), a.status());
            attemptNo.merge(a.task(), a.attempt(), Math::max);
        }
        List<TaskRecord> results = new ArrayList<>();
        for (TaskSettings task : tasks) {
            Optional<TaskDue> due = force ? Optional.of(TaskDue.forced(List.of(), loads.stream()
                    .filter(l -> l.tasks().contains(task.name())).toList()))
                    : TaskDue.of(task.name(), loads, attempts, failedHere);
            if (due.isEmpty()) {
                continue;
            }
            TaskExecution.Attempt attempt = new TaskExecution.Attempt(task, date, due.get().runId(),
                    attemptNo.merge(task.name(), 1, Integer::sum), trigger,
                    bindings(pipeline, task, date, due.get()), due.get().covers());
            String blocked = task.after().stream().filter(u -> !u.equals(TaskSettings.LOAD))
                    .filter(u -> !TaskRecord.SUCCEEDED.equals(status.get(u))).findFirst().orElse(null);
            TaskRecord record = blocked != null ? new TaskExecution(dataSource).upstreamFailed(attempt, blocked)
                    : route.apply(attempt);
            status.put(task.name(), record.status());
            if (!record.succeeded()) {
                failedHere.add(record.taskRunId());
            }
            results.add(record);
        }
        return results;
    }

    private static TaskBindings bindings(PipelineSettings pipeline, TaskSettings task, LocalDate date, TaskDue due) {
        List<String> partitions = task.slice() == null ? List.of()
                : task.slice().values(date, due.touched(), task.partitionColumn());
        return new TaskBindings(pipeline.name(), date, null, null, due.runId(), partitions, task.partitionTypeName())
                .within(pipeline.schedule().zone());
    }

    private void read(PipelineSettings pipeline, LocalDate from, LocalDate to,
                      Map<LocalDate, List<TaskHistory.Owed>> loads, Map<LocalDate, List<TaskRecord>> attempts) {
        try (Connection connection = dataSource.getConnection()) {
            for (TaskHistory.Owed owed : TaskHistory.owed(connection, pipeline.name(), from, to)) {
                loads.computeIfAbsent(owed.logicalDate(), d -> new ArrayList<>()).add(owed);
            }
            for (TaskRecord record : TaskHistory.attempts(connection, pipeline.name(), from, to)) {
                attempts.computeIfAbsent(record.logicalDate(), d -> new ArrayList<>()).add(record);
            }
        } catch (SQLException e) {
            throw new TransientLoadException(pipeline.name() + ": cannot read what its tasks owe: " + e.getMessage(),
                    e);
        }
    }
}
