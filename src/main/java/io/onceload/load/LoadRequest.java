package io.onceload.load;

import io.onceload.config.PipelineSettings;
import io.onceload.ledger.Trigger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One file to load for one pipeline, with what triggered it and the logical date it belongs to.
 *
 * @param reprocess load even if the ledger already has this content; still replay-safe, as unchanged rows are
 *     not rewritten
 * @param progress hears how far the reading of the file has come; {@link ProgressListener#NONE} when nobody asks
 * @param scheduledAt the schedule's fire the load belongs to, or null
 */
public record LoadRequest(PipelineSettings pipeline, Path file, Trigger trigger, LocalDate logicalDate,
                          boolean reprocess, ProgressListener progress, Instant scheduledAt) {

    public LoadRequest {
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    public LoadRequest(PipelineSettings pipeline, Path file, Trigger trigger, LocalDate logicalDate) {
        this(pipeline, file, trigger, logicalDate, false);
    }

    public LoadRequest(PipelineSettings pipeline, Path file, Trigger trigger, LocalDate logicalDate,
                       boolean reprocess) {
        this(pipeline, file, trigger, logicalDate, reprocess, ProgressListener.NONE);
    }

    public LoadRequest(PipelineSettings pipeline, Path file, Trigger trigger, LocalDate logicalDate,
                       boolean reprocess, ProgressListener progress) {
        this(pipeline, file, trigger, logicalDate, reprocess, progress, null);
    }
}
