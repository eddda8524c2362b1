package io.onceload.run;

import io.onceload.config.PipelineSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files a triggered run takes from a pipeline's inbox: the ones the inbox consumer would take (matching
 * {@code include}, not hidden, not Camel's lock markers), in name order, and only once they have not changed
 * for {@code stable-ms}, so a file still being written waits for the next run.
 */
final class InboxScan {

    private InboxScan() {
    }

    /** Every candidate file, ready or not, in name order. */
    static List<Path> pending(PipelineSettings pipeline) {
        if (!Files.isDirectory(pipeline.inbox())) {
            return List.of();
        }
        List<PathMatcher> globs = Arrays.stream(pipeline.include().split(","))
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
        try (Stream<Path> files = Files.list(pipeline.inbox())) {
            // links and FIFOs are listed too: a run refuses them (to .failed) instead of leaving them forever
            return files.filter(file -> !Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return !name.startsWith(".") && !name.endsWith(".camelLock")
                                && globs.stream().anyMatch(glob -> glob.matches(file.getFileName()));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list inbox " + pipeline.inbox(), e);
        }
    }

    /** The pending files last modified at least {@code stable-ms} before {@code now}. */
    static List<Path> ready(PipelineSettings pipeline, Instant now) {
        Instant settled = now.minusMillis(pipeline.stableMs());
        return pending(pipeline).stream().filter(file -> {
            try {
                return !Files.getLastModifiedTime(file, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant()
                        .isAfter(settled);
            } catch (IOException e) {
                return false; // moved away meanwhile: not ours to load
            }
        }).toList();
    }
}
