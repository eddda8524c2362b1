package io.onceload.load;

import io.onceload.ledger.Counts;
import io.onceload.ledger.RunStatus;
import java.util.UUID;

/**
 * The answer for one file.
 *
 * @param runId the published run; for a skipped file, the earlier run that published the same content
 * @param error why the file failed, else {@code null}
 */
public record LoadOutcome(String file, String pipeline, RunStatus status, String sha256, UUID runId,
                          Counts counts, String error) {

    public boolean failed() {
        return status == RunStatus.FAILED;
    }
}
