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

    /** One line for people: what happened to the file and what was written. */
    public String summary() {
        Counts c = counts;
        return switch (status) {
            case PUBLISHED -> file + ": published — " + c.inserted() + " inserted, " + c.updated() + " updated, "
                    + c.unchanged() + " unchanged, " + c.rejected() + " rejected" + extras(c) + " (run " + runId + ")";
            case SKIPPED -> file + ": skipped — already loaded as run " + runId + " (sha256 " + sha256 + ")";
            case FAILED -> file + ": failed — " + error;
            case MISSING_INPUT -> file + ": missing-input — " + error;
            case NO_INPUT -> "no-input — " + error;
        };
    }

    /** Counts only some modes produce, shown when they are not zero. */
    private static String extras(Counts c) {
        StringBuilder extras = new StringBuilder();
        long[] values = {c.ignored(), c.deleted(), c.stale(), c.belowWatermark()};
        String[] names = {"ignored", "deleted", "stale", "below watermark"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                extras.append(", ").append(values[i]).append(' ').append(names[i]);
            }
        }
        return extras.toString();
    }
}
