package io.onceload.run;

import io.onceload.config.PipelineSettings;
import io.onceload.config.ScheduleSettings;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Which files a reprocess may read: regular files of the pipeline's own input (its inbox with .done and .failed,
 * or its source folder), so a JMX caller cannot make the service read, archive or report on any other file.
 */
final class ReprocessScope {

    private ReprocessScope() {
    }

    static void check(PipelineSettings pipeline, Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        boolean inInbox = normalized.startsWith(pipeline.inbox()) && !normalized.equals(pipeline.inbox());
        boolean inSource = pipeline.schedule().hasSource() && normalized.startsWith(sourceRoot(pipeline.schedule()));
        if (!inInbox && !inSource) {
            throw new IllegalArgumentException("reprocess of '" + pipeline.name() + "': " + file + " is not in the"
                    + " pipeline's inbox (" + pipeline.inbox() + ")" + (pipeline.schedule().hasSource()
                    ? " or its source folder (" + sourceRoot(pipeline.schedule()) + ")" : ""));
        }
        if (!Files.exists(normalized, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("reprocess of '" + pipeline.name() + "': no such file: " + file);
        }
        InboxEntry.refusal(normalized).ifPresent(reason -> {
            throw new IllegalArgumentException("reprocess of '" + pipeline.name() + "': " + file + " " + reason);
        });
        if (normalized.getParent().equals(pipeline.inbox()) && !InboxScan.pending(pipeline).contains(normalized)) {
            throw new IllegalArgumentException("reprocess of '" + pipeline.name() + "': " + file + " is hidden or"
                    + " does not match include '" + pipeline.include() + "'");
        }
    }

    /** The deepest folder of the source pattern above its first {date}. */
    private static Path sourceRoot(ScheduleSettings schedule) {
        Path root = Path.of(schedule.source());
        while (root != null && root.toString().contains(ScheduleSettings.DATE_PLACEHOLDER)) {
            root = root.getParent();
        }
        return root == null ? Path.of("/") : root;
    }
}
