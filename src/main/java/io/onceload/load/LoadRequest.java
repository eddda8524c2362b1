package io.onceload.load;

import io.onceload.config.PipelineSettings;
import io.onceload.ledger.Trigger;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * One file to load for one pipeline, with what triggered it and the logical date it belongs to.
 *
 * @param reprocess load even if the ledger already has this content; still replay-safe, as unchanged rows are
 *     not rewritten
 */
public record LoadRequest(PipelineSettings pipeline, Path file, Trigger trigger, LocalDate logicalDate,
                          boolean reprocess) {

    public LoadRequest(PipelineSettings pipeline, Path file, Trigger trigger, LocalDate logicalDate) {
        this(pipeline, file, trigger, logicalDate, false);
    }
}
