package io.onceload.task;

import io.onceload.ledger.Trigger;
import io.onceload.load.Failpoint;
import io.onceload.load.TransientLoadException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of one task: its writes and its record commit in one transaction. A transient database error rolls
 * back and is thrown for the task's route to retry; any other failure is recorded as {@code failed}.
 */
public final class TaskExecution {

    private static final Logger LOG = LoggerFactory.getLogger(TaskExecution.class);

    /** What the task route receives. */
    public record Attempt(TaskSettings task, LocalDate date, UUID runId, int attempt, Trigger trigger, TaskBindings bindings,
                          long covers, boolean completesDate) {
    }

    private final DataSource dataSource;
    private final TaskOutcomes outcomes;

    TaskExecution(DataSource dataSource, TaskOutcomes outcomes) {
        this.dataSource = dataSource;
        this.outcomes = outcomes;
    }

    TaskRecord execute(Attempt a) {
        Instant started = Instant.now();
        UUID id = TaskRecord.id(a.task().pipeline(), a.date(), a.task().name(), a.runId(), a.attempt());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                TaskCounts counts = a.task().kind().run(connection, a.task(), a.bindings());
                TaskRecord record = new TaskRecord(id, a.task().pipeline(), a.date(), a.task().name(), a.attempt(),
                        a.runId(), a.trigger(), TaskRecord.SUCCEEDED, counts, null, started, Instant.now(), a.covers());
                TaskHistory.insert(connection, record);
                outcomes.succeeded(connection, record, a.completesDate());
                Failpoint.hit("before-task-commit");
                connection.commit();
                Failpoint.hit("after-task-commit");
                LOG.info("{} {}: task {} succeeded: {} inserted, {} updated, {} deleted, {} unchanged",
                        a.task().pipeline(), a.date(), a.task().name(), counts.inserted(), counts.updated(),
                        counts.deleted(), counts.unchanged());
                return record;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                if (!(e instanceof TaskFailure) && TransientLoadException.isTransient(e)) {
                    throw new TransientLoadException(a.task().label() + " " + a.date()
                            + ": database unavailable, will retry: " + e.getMessage(), e);
                }
                String error = e instanceof TaskFailure ? e.getMessage() : a.task().label() + ": "
                        + (e instanceof SQLException ? "database error: " : "unexpected error: ") + e.getMessage();
                TaskRecord failed = new TaskRecord(id, a.task().pipeline(), a.date(), a.task().name(), a.attempt(),
                        a.runId(), a.trigger(), TaskRecord.FAILED, TaskCounts.NONE, error, started, Instant.now(), a.covers());
                TaskHistory.insert(connection, failed);
                outcomes.failed(connection, failed, e instanceof TaskFailure && a.task().kind() == TaskKind.CHECK);
                connection.commit();
                LOG.warn("{} {}: task {} failed: {}", a.task().pipeline(), a.date(), a.task().name(), error);
                return failed;
            }
        } catch (SQLException e) {
            throw new TransientLoadException(a.task().label() + " " + a.date() + ": cannot record the task: "
                    + e.getMessage(), e);
        }
    }

    /** Records that a task did not run because an upstream task has not succeeded. */
    TaskRecord upstreamFailed(Attempt a, String upstream) {
        Instant now = Instant.now();
        TaskRecord record = new TaskRecord(TaskRecord.id(a.task().pipeline(), a.date(), a.task().name(), a.runId(),
                a.attempt()), a.task().pipeline(), a.date(), a.task().name(), a.attempt(), a.runId(), a.trigger(),
                TaskRecord.UPSTREAM_FAILED, TaskCounts.NONE, "upstream task '" + upstream + "' has not succeeded", now,
                now, a.covers());
        try (Connection connection = dataSource.getConnection()) {
            TaskHistory.insert(connection, record);
        } catch (SQLException e) {
            throw new TransientLoadException(a.task().label() + ": cannot record the task: " + e.getMessage(), e);
        }
        return record;
    }
}
