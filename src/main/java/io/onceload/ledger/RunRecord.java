package io.onceload.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One row of the run history.
 *
 * @param ofRunId for a skipped run, the published run whose content it repeated
 * @param instance the service instance (or CLI process) that ran it, see {@link Instance}
 * @param scheduledAt the schedule's fire the run belongs to; null for other triggers and catch-up
 */
public record RunRecord(UUID runId, String pipeline, Trigger trigger, LocalDate logicalDate, RunStatus status,
                        String targetTable, String fileName, String sha256, long sizeBytes, Counts counts,
                        UUID ofRunId, String error, Instant startedAt, Instant finishedAt, String instance,
                        Instant scheduledAt) {

    /** This run as it ended now, under the given id, status and counts. */
    public RunRecord finished(UUID id, RunStatus endStatus, Counts endCounts, UUID of, String endError) {
        return new RunRecord(id, pipeline, trigger, logicalDate, endStatus, targetTable, fileName, sha256, sizeBytes,
                endCounts, of, endError, startedAt, Instant.now(), instance, scheduledAt);
    }

    /** The id of the run that publishes this content: the same for every attempt, so a retry cannot fork it. */
    public static UUID publishedRunId(String pipeline, String sha256) {
        return UUID.nameUUIDFromBytes(("onceload:" + pipeline + ":" + sha256).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
