package io.onceload.task;

import io.onceload.ledger.RunRecord;
import io.onceload.load.CheckViolation;
import io.onceload.load.PublishHook;
import io.onceload.load.TransientLoadException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records, in each publish transaction, which tasks the load owes and what it touched for them. */
public final class TaskDebt implements PublishHook {

    private final TaskGraph graph;

    public TaskDebt(TaskGraph graph) {
        this.graph = graph;
    }

    @Override
    public List<String> touchedColumns(String pipeline) {
        if (!graph.resolved()) {
            // files waiting at start may be offered before the task declarations are checked: retry, never publish
            // without recording what the load owes
            throw new TransientLoadException(pipeline + ": the task declarations are still being checked; will retry",
                    null);
        }
        return graph.tasks(pipeline).stream().filter(t -> t.slice() == Slice.LOADED_PARTITIONS)
                .map(TaskSettings::partitionColumn).distinct().toList();
    }

    /**
     * Records the debt, then runs the checks that follow the load directly (write-audit-publish): they see the
     * file's rows before anyone else does, and a violation refuses the whole publish.
     */
    @Override
    public void beforeCommit(Connection connection, RunRecord run, Map<String, List<String>> touched)
            throws SQLException {
        List<TaskSettings> tasks = graph.tasks(run.pipeline());
        if (tasks.isEmpty()) {
            return;
        }
        long seq = TaskHistory.owe(connection, run.runId(), run.pipeline(), run.logicalDate(),
                tasks.stream().map(TaskSettings::name).toList(), touched);
        for (TaskSettings check : tasks) {
            if (!TaskGraph.insideTheLoad(check)) {
                continue;
            }
            Instant started = Instant.now();
            TaskBindings bindings = new TaskBindings(run.pipeline(), run.logicalDate(), null, null, run.runId(),
                    List.of(), "text").within(graph.zone(run.pipeline()));
            try {
                CheckQuery.run(connection, check, bindings);
            } catch (TaskFailure e) {
                throw new CheckViolation(Path.of(run.fileName()), e.getMessage() + "; nothing was published");
            }
            int attempt = TaskHistory.nextAttempt(connection, run.pipeline(), run.logicalDate(), check.name());
            TaskHistory.insert(connection, new TaskRecord(TaskRecord.id(run.pipeline(), run.logicalDate(),
                    check.name(), run.runId(), attempt), run.pipeline(), run.logicalDate(), check.name(), attempt,
                    run.runId(), run.trigger(), TaskRecord.SUCCEEDED, TaskCounts.NONE, null, started, Instant.now(),
                    seq));
        }
    }
}
