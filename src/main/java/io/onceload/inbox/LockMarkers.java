package io.onceload.inbox;

import io.onceload.config.PipelineSettings;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Camel's read-lock markers ({@code <file>.camelLock}) that a killed instance left in a shared inbox. Camel removes
 * orphans only when a consumer starts, so with instances that keep running such a file would wait for ever: a
 * marker older than the consumer's own lock timeout (plus a margin) is removed. Removing one that is still in use
 * costs nothing: the claim (an atomic rename) lets only one run take the file, and the ledger has the rest.
 */
public final class LockMarkers {

    static final String SUFFIX = ".camelLock";
    /** Beyond the read-lock timeout: a live consumer has either taken its file or given up by then. */
    static final long MARGIN_MS = 5_000;

    private LockMarkers() {
    }

    /** @return how many stale markers were removed */
    public static int clearStale(PipelineSettings pipeline, Instant now) {
        Path inbox = pipeline.inbox();
        if (!Files.isDirectory(inbox)) {
            return 0;
        }
        Instant staleBefore = now.minusMillis(InboxEndpoint.lockTimeoutMs(pipeline) + MARGIN_MS);
        int removed = 0;
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(inbox, "*" + SUFFIX)) {
            for (Path marker : markers) {
                try {
                    if (Files.getLastModifiedTime(marker).toInstant().isBefore(staleBefore)
                            && Files.deleteIfExists(marker)) {
                        removed++;
                    }
                } catch (IOException e) {
                    // gone meanwhile, or not ours to delete: the next sweep looks again
                }
            }
        } catch (IOException e) {
            return removed;
        }
        return removed;
    }
}
