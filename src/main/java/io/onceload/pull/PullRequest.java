package io.onceload.pull;

import io.onceload.config.PipelineSettings;
import java.time.LocalDate;

/** One pull of a pipeline's source query, for one logical date. */
public record PullRequest(PipelineSettings pipeline, LocalDate logicalDate) {
}
