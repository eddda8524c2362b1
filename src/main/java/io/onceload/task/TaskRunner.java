package io.onceload.task;

import io.onceload.config.PipelineSettings;
import io.onceload.ledger.Trigger;
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
 * again) chosen tasks for chosen dates. Callers hold the pipeline's run lock, which spans every service on the
 * database, so attempts are numbered from a history no other process is writing.
 */
public final class TaskRunner {

    private static final LocalDate FIRST = LocalDate.of(1, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    private final DataSource dataSource;
    private final TaskGraph graph;
    private final Function<TaskExecution.Attempt, TaskRecord> route;
    private final DateCompletion completion;
    /** Attempts that failed in this process: not tried again until new input, a clear or a restart. */
    private final Set<UUID> failedHere = ConcurrentHashMap.newKeySet();

    /** @param route runs one attempt through the task's Camel route, which retries transient errors */
    public TaskRunner(DataSource dataSource, TaskGraph graph, Function<TaskExecution.Attempt, TaskRecord> route) {
        this.dataSource = dataSource;
        this.graph = graph;
        this.route = route;
        this.completion = new DateCompletion(dataSource, graph);
    }

    public TaskGraph graph() {
        return graph;
    }

    /** Every task the pipeline's loads owe, oldest date first. */
    public List<TaskRecord> runOwed(PipelineSettings pipeline, Trigger trigger) {
        if (!graph.hasTasks(pipeline.name())) {
            return List.of();
        }
        return runOwedLocked(pipeline, trigger);
    }

    private List<TaskRecord> runOwedLocked(PipelineSettings pipeline, Trigger trigger) {
        Map<LocalDate, List<TaskHistory.Owed>> loads = new java.util.TreeMap<>();
        Map<LocalDate, List<TaskRecord>> attempts = new HashMap<>();
        TaskHistory.read(dataSource, pipeline.name(), FIRST, LAST, loads, attempts);
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
        List<TaskSettings> tasks = downstream ? graph.withDownstream(pipeline, task)
                : List.of(graph.task(pipeline, task));
        return clearLocked(pipeline, tasks, dates, trigger);
    }

    private List<TaskRecord> clearLocked(PipelineSettings pipeline, List<TaskSettings> tasks, List<LocalDate> dates,
                                         Trigger trigger) {
        List<TaskRecord> results = new ArrayList<>();
        for (LocalDate date : dates) {
            Map<LocalDate, List<TaskHistory.Owed>> loads = new HashMap<>();
            Map<LocalDate, List<TaskRecord>> attempts = new HashMap<>();
            TaskHistory.read(dataSource, pipeline.name(), date, date, loads, attempts);
            results.addAll(runDate(pipeline, date, loads.getOrDefault(date, List.of()),
                    attempts.getOrDefault(date, List.of()), tasks, trigger, true));
        }
        return results;
    }

    /** See {@link DateCompletion#states}. */
    public List<String> dateStates(PipelineSettings pipeline, LocalDate from) {
        return completion.states(pipeline, from);
    }

    /** See {@link DateCompletion#isComplete}. */
    public boolean isComplete(PipelineSettings pipeline, LocalDate date) {
        return completion.isComplete(pipeline, date);
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
        Map<String, Optional<TaskDue>> due = new java.util.LinkedHashMap<>();
        for (TaskSettings task : tasks) {
            due.put(task.name(), force ? Optional.of(TaskDue.forced(List.of(), loads.stream()
                    .filter(l -> l.tasks().contains(task.name())).toList()))
                    : TaskDue.of(task.name(), loads, attempts, failedHere));
        }
        List<TaskRecord> results = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            TaskSettings task = tasks.get(i);
            if (due.get(task.name()).isEmpty()) {
                continue;
            }
            TaskDue owed = due.get(task.name()).get();
            TaskExecution.Attempt attempt = new TaskExecution.Attempt(task, date, owed.runId(),
                    attemptNo.merge(task.name(), 1, Integer::sum), trigger, bindings(pipeline, task, date, owed),
                    owed.covers(), completes(pipeline, task, status, tasks.subList(i + 1, tasks.size()), due));
            // an upstream no load of the date owes and that never ran (declared after those loads) blocks nothing
            String blocked = task.after().stream().filter(u -> !u.equals(TaskSettings.LOAD))
                    .filter(u -> !TaskRecord.SUCCEEDED.equals(status.get(u)))
                    .filter(u -> status.get(u) != null || loads.stream().anyMatch(l -> l.tasks().contains(u)))
                    .findFirst().orElse(null);
            TaskRecord record = blocked != null ? new TaskExecution(dataSource, TaskOutcomes.NONE).upstreamFailed(attempt,
                    blocked)
                    : route.apply(attempt);
            status.put(task.name(), record.status());
            if (!record.succeeded()) {
                failedHere.add(record.taskRunId());
            }
            results.add(record);
        }
        return results;
    }

    /**
     * Whether the date is complete once this task succeeds: every other task of the pipeline has succeeded, and none
     * after it is about to run.
     */
    private boolean completes(PipelineSettings pipeline, TaskSettings task, Map<String, String> status,
                              List<TaskSettings> later, Map<String, Optional<TaskDue>> due) {
        return graph.tasks(pipeline.name()).stream().filter(t -> !t.name().equals(task.name()))
                .allMatch(t -> TaskRecord.SUCCEEDED.equals(status.get(t.name())))
                && later.stream().noneMatch(t -> due.get(t.name()).isPresent());
    }

    private static TaskBindings bindings(PipelineSettings pipeline, TaskSettings task, LocalDate date, TaskDue due) {
        List<String> partitions = task.slice() == null ? List.of()
                : task.slice().values(date, due.touched(), task.partitionColumn());
        return new TaskBindings(pipeline.name(), date, null, null, due.runId(), partitions, task.partitionTypeName())
                .within(pipeline.schedule().zone());
    }
}
