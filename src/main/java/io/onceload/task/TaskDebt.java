package io.onceload.task;

import io.onceload.ledger.RunRecord;
import io.onceload.load.PublishHook;
import java.sql.Connection;
import java.sql.SQLException;
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
        return graph.tasks(pipeline).stream().filter(t -> t.slice() == Slice.LOADED_PARTITIONS)
                .map(TaskSettings::partitionColumn).distinct().toList();
    }

    @Override
    public void beforeCommit(Connection connection, RunRecord run, Map<String, List<String>> touched)
            throws SQLException {
        List<TaskSettings> tasks = graph.tasks(run.pipeline());
        if (!tasks.isEmpty()) {
            TaskHistory.owe(connection, run.runId(), run.pipeline(), run.logicalDate(),
                    tasks.stream().map(TaskSettings::name).toList(), touched);
        }
    }
}
