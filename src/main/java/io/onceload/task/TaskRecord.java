package io.onceload.task;

import io.onceload.ledger.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One attempt of one task for one logical date, as {@code onceload.task_run} holds it.
 *
 * @param runId the load it ran for (the date's latest); null for a clear of a date without loads
 * @param status succeeded, failed, upstream-failed or skipped
 * @param covers the highest publish seq of the date's loads whose input this attempt read
 */
public record TaskRecord(UUID taskRunId, String pipeline, LocalDate logicalDate, String task, int attempt, UUID runId,
                         Trigger trigger, String status, TaskCounts counts, String error, Instant startedAt,
                         Instant finishedAt, long covers) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String UPSTREAM_FAILED = "upstream-failed";

    /** Deterministic from (pipeline, date, task, causing run, attempt), so a retried insert cannot fork it. */
    static UUID id(String pipeline, LocalDate date, String task, UUID runId, int attempt) {
        return UUID.nameUUIDFromBytes(("onceload:task:" + pipeline + ":" + date + ":" + task + ":" + runId + ":"
                + attempt).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One line for people: {@code <date> <trigger> task <name> #<attempt>: <status> — <counts or error>}, in the
     * shape of a run's line.
     */
    public String line() {
        String detail = error != null ? error : counts.inserted() + " inserted, " + counts.updated() + " updated, "
                + counts.deleted() + " deleted, " + counts.unchanged() + " unchanged";
        return logicalDate + " " + trigger.dbValue() + " task " + task + " #" + attempt + ": " + status + " — "
                + detail;
    }

    public boolean succeeded() {
        return SUCCEEDED.equals(status);
    }

    public long inserted() {
        return counts.inserted();
    }

    public long updated() {
        return counts.updated();
    }

    public long deleted() {
        return counts.deleted();
    }

    public long unchanged() {
        return counts.unchanged();
    }
}
