package io.onceload.run;

import io.onceload.config.PipelineSettings;
import io.onceload.config.ScheduleSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files a reprocess may read: regular files of the pipeline's own input (its inbox, .done, .failed, or its
 * source folder), judged by real paths, so a JMX caller cannot make the service read, archive or report on any
 * other file, not even through a linked folder.
 */
final class ReprocessScope {

    private ReprocessScope() {
    }

    static void check(PipelineSettings pipeline, Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        if (!Files.exists(normalized, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(pipeline, "no such file: " + file);
        }
        InboxEntry.refusal(normalized).ifPresent(reason -> {
            throw refused(pipeline, file + " " + reason);
        });
        Path folder;
        try {
            folder = normalized.getParent().toRealPath();
        } catch (IOException e) {
            throw refused(pipeline, "cannot resolve " + file + ": " + e.getMessage());
        }
        if (!isInbox(pipeline, folder) && allowedRoots(pipeline).stream().noneMatch(folder::startsWith)) {
            throw refused(pipeline, file + " is not in the pipeline's inbox (" + pipeline.inbox() + "), its .done/"
                    + " or .failed/" + (pipeline.schedule().hasSource() ? ", or its source folder ("
                    + sourceRoot(pipeline.schedule()) + ")" : ""));
        }
        if (normalized.getParent().equals(pipeline.inbox()) && !InboxScan.pending(pipeline).contains(normalized)) {
            throw refused(pipeline, file + " is hidden or does not match include '" + pipeline.include() + "'");
        }
    }

    /** Folders whose whole tree may be reprocessed: .done, .failed and the source folder. */
    private static List<Path> allowedRoots(PipelineSettings pipeline) {
        List<Path> roots = new ArrayList<>();
        for (Path candidate : List.of(pipeline.inbox().resolve(".done"), pipeline.inbox().resolve(".failed"))) {
            real(candidate, roots);
        }
        if (pipeline.schedule().hasSource()) {
            real(sourceRoot(pipeline.schedule()), roots);
        }
        return roots;
    }

    /** The inbox folder itself (not .rejected or other folders below it). */
    private static boolean isInbox(PipelineSettings pipeline, Path folder) {
        try {
            return folder.equals(pipeline.inbox().toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static void real(Path path, List<Path> roots) {
        try {
            roots.add(path.toRealPath());
        } catch (IOException e) {
            // a folder that does not exist holds nothing to reprocess
        }
    }

    private static IllegalArgumentException refused(PipelineSettings pipeline, String why) {
        return new IllegalArgumentException("reprocess of '" + pipeline.name() + "': " + why);
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
