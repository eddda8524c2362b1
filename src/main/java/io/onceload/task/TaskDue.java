package io.onceload.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Whether a task is owed on one logical date, from the loads that owe it and its attempts: owed when a load
 * published after its latest attempt began, or when that attempt did not succeed and did not fail in this process
 * (a restart, or a fixed pipeline, tries it once more; a fire does not).
 *
 * @param runId the date's latest load that owes the task, named as the attempt's cause
 * @param touched per column, what the loads since the task's last success touched
 * @param covers the highest publish seq among the date's loads that owe the task
 */
record TaskDue(UUID runId, Map<String, List<String>> touched, long covers) {

    static Optional<TaskDue> of(String task, List<TaskHistory.Owed> loads, List<TaskRecord> attempts,
                                Set<UUID> failedHere) {
        List<TaskHistory.Owed> owing = loads.stream().filter(load -> load.tasks().contains(task)).toList();
        if (owing.isEmpty()) {
            return Optional.empty();
        }
        List<TaskRecord> mine = attempts.stream().filter(a -> a.task().equals(task)).toList();
        TaskRecord latest = mine.isEmpty() ? null : mine.get(mine.size() - 1);
        long since = latest == null ? 0 : latest.covers();
        boolean newInput = owing.stream().anyMatch(load -> load.seq() > since);
        boolean retry = latest != null && !latest.succeeded() && !failedHere.contains(latest.taskRunId());
        if (!newInput && !retry) {
            return Optional.empty();
        }
        long lastSuccess = mine.stream().filter(TaskRecord::succeeded).mapToLong(TaskRecord::covers).max().orElse(0);
        return Optional.of(forced(owing.stream().filter(load -> load.seq() > lastSuccess).toList(), owing));
    }

    /** A clear: everything the date's loads touched, caused by the latest of them (null when there is none). */
    static TaskDue forced(List<TaskHistory.Owed> since, List<TaskHistory.Owed> all) {
        Map<String, Set<String>> union = new LinkedHashMap<>();
        for (TaskHistory.Owed load : since.isEmpty() ? all : since) {
            load.partitions().forEach((column, values) -> union.computeIfAbsent(column, c -> new LinkedHashSet<>())
                    .addAll(values));
        }
        Map<String, List<String>> touched = new LinkedHashMap<>();
        union.forEach((column, values) -> touched.put(column, new ArrayList<>(values)));
        UUID cause = all.isEmpty() ? null : all.get(all.size() - 1).runId();
        return new TaskDue(cause, touched, all.stream().mapToLong(TaskHistory.Owed::seq).max().orElse(0));
    }
}
