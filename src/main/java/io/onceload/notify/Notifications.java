package io.onceload.notify;

import io.onceload.config.NotifyEvent;
import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.ledger.Counts;
import io.onceload.ledger.RunRecord;
import io.onceload.load.PublishHook;
import io.onceload.task.TaskGraph;
import io.onceload.task.TaskOutcomes;
import io.onceload.task.TaskRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enqueues the notifications of outcomes in the transactions that record them: a published file, a failed run, a
 * failed task or check. The dedup key names the outcome (pipeline, date, event, run or task attempt), so whatever
 * repeats, one outcome is one notification per target.
 */
public final class Notifications implements PublishHook, TaskOutcomes {

    private final PipelineRegistry pipelines;
    private final TaskGraph tasks;

    public Notifications(PipelineRegistry pipelines, TaskGraph tasks) {
        this.pipelines = pipelines;
        this.tasks = tasks;
    }

    @Override
    public void beforeCommit(Connection connection, RunRecord run, Map<String, List<String>> touched)
            throws SQLException {
        enqueue(connection, run, NotifyEvent.PUBLISHED);
        if (tasks.onlyChecksInTheLoad(run.pipeline())) {
            // nothing is owed after the commit (the checks that ran inside it passed): the publish completes the date
            enqueue(connection, run, NotifyEvent.COMPLETE);
        }
    }

    @Override
    public void succeeded(Connection connection, TaskRecord record, boolean completesDate) throws SQLException {
        Optional<PipelineSettings> pipeline = pipelines.find(record.pipeline());
        if (!completesDate || pipeline.isEmpty()) {
            return;
        }
        // once per set of inputs: a later load of the date (a higher seq) completes it anew
        Outbox.enqueue(connection, pipeline.get().notifications(), new Notification(key(record.pipeline(),
                record.logicalDate() + ":" + NotifyEvent.COMPLETE.key() + ":" + record.covers()), NotifyEvent.COMPLETE,
                record.pipeline(), record.logicalDate(), record.runId(), null, "complete", Map.of(), null, null));
    }

    @Override
    public void failed(Connection connection, RunRecord run, boolean check) throws SQLException {
        enqueue(connection, run, check ? NotifyEvent.CHECK_FAILED : NotifyEvent.FAILED);
    }

    @Override
    public void failed(Connection connection, TaskRecord record, boolean check) throws SQLException {
        Optional<PipelineSettings> pipeline = pipelines.find(record.pipeline());
        if (pipeline.isEmpty()) {
            return;
        }
        NotifyEvent event = check ? NotifyEvent.CHECK_FAILED : NotifyEvent.FAILED;
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("inserted", record.inserted());
        counts.put("updated", record.updated());
        counts.put("deleted", record.deleted());
        counts.put("unchanged", record.unchanged());
        Outbox.enqueue(connection, pipeline.get().notifications(), new Notification(key(record.pipeline(),
                record.logicalDate() + ":" + event.key() + ":task:" + record.task() + ":" + record.taskRunId()), event,
                record.pipeline(), record.logicalDate(), record.runId(), record.task(), record.status(), counts, null,
                record.error()));
    }

    private void enqueue(Connection connection, RunRecord run, NotifyEvent event) throws SQLException {
        Optional<PipelineSettings> pipeline = pipelines.find(run.pipeline());
        if (pipeline.isEmpty()) {
            return; // an ad-hoc load has no notifications
        }
        Counts c = run.counts();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rows_read", c.rowsRead());
        counts.put("inserted", c.inserted());
        counts.put("updated", c.updated());
        counts.put("unchanged", c.unchanged());
        counts.put("rejected", c.rejected());
        counts.put("deleted", c.deleted());
        Outbox.enqueue(connection, pipeline.get().notifications(), new Notification(key(run.pipeline(),
                run.logicalDate() + ":" + event.key() + ":" + run.runId()), event, run.pipeline(), run.logicalDate(),
                run.runId(), null, run.status().dbValue(), counts, run.fileName(), run.error()));
    }

    /**
     * After an outage, in one transaction: one {@code database-down} and one {@code database-up} per pipeline that
     * wants them, keyed by the outage's start, so a probe that sees the same recovery twice enqueues nothing more.
     */
    public void databaseRecovered(Connection connection, Instant downSince, Instant upAt, String error)
            throws SQLException {
        for (String name : pipelines.names()) {
            PipelineSettings pipeline = pipelines.find(name).orElseThrow();
            String outage = "database:" + downSince.toEpochMilli();
            Outbox.enqueue(connection, pipeline.notifications(), new Notification(key(name, outage + ":down"),
                    NotifyEvent.DATABASE_DOWN, name, null, null, null, "down since " + downSince, Map.of(), null,
                    error));
            Outbox.enqueue(connection, pipeline.notifications(), new Notification(key(name, outage + ":up"),
                    NotifyEvent.DATABASE_UP, name, null, null, null, "up at " + upAt + " after "
                    + java.time.Duration.between(downSince, upAt).toSeconds() + " s", Map.of(), null, null));
        }
    }

    /** One per date: its dedup key has no attempt in it, so a restart that sees it overdue again adds nothing. */
    void overdue(Connection connection, PipelineSettings pipeline, java.time.LocalDate date, Instant deadline)
            throws SQLException {
        Outbox.enqueue(connection, pipeline.notifications(), new Notification(key(pipeline.name(), date + ":"
                + NotifyEvent.OVERDUE.key()), NotifyEvent.OVERDUE, pipeline.name(), date, null, null,
                "not complete by its deadline " + deadline, Map.of(), null, null));
    }

    private static String key(String pipeline, String rest) {
        return "onceload:" + pipeline + ":" + rest;
    }
}
