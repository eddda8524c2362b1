package io.onceload.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Checksums computed before a load needs them, so the load does not read the file a second time for it: a CLI
 * command starts them on a thread of their own while the process starts (JVM, database, Camel take 0.5–1 s), and a
 * pull takes its spool's to compare it with the date's latest content. One is used only for the same file (its real
 * path and inode) whose size, modification and change times are still the ones seen before it was read: a file
 * replaced or rewritten since, even with its old size and modification time, is read again.
 */
public final class EarlyDigests {

    private static final Map<Path, Pending> PENDING = new ConcurrentHashMap<>();
    /** One thread, in the order the files were given: the first file's checksum is ready first. */
    private static final ExecutorService HASHING = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "onceload-checksums");
        thread.setDaemon(true);
        return thread;
    });

    private record Pending(List<Object> seen, CompletableFuture<String> sha256) {
    }

    private EarlyDigests() {
    }

    /**
     * Starts checksumming {@code file} unless that is under way.
     *
     * @return the checksum to come; empty for a file that cannot be read, which is left to the load
     */
    public static Optional<CompletableFuture<String>> start(Path file) {
        try {
            Path key = file.toRealPath();
            List<Object> seen = identity(key);
            // one left from a file that was at this path before (a pull's spool is rewritten) is not this file's
            return Optional.of(PENDING.compute(key, (k, old) -> old != null && old.seen().equals(seen) ? old
                    : new Pending(seen, CompletableFuture.supplyAsync(() -> {
                        try {
                            return Sha256.read(k);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, HASHING))).sha256());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The early checksum of {@code file}, when one was started and the file has not changed since; used once. */
    static Optional<String> take(Path file) {
        if (PENDING.isEmpty()) {
            // the service and every caller but the CLI's load: not even the real path is looked up
            return Optional.empty();
        }
        try {
            Path key = file.toRealPath();
            Pending pending = PENDING.remove(key);
            if (pending == null) {
                return Optional.empty();
            }
            String sha256 = pending.sha256().join();
            return identity(key).equals(pending.seen()) ? Optional.of(sha256) : Optional.empty();
        } catch (IOException | CompletionException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * What tells this file's content unchanged: a regular file's inode, size, modification and change time (a
     * rename onto the path or a rewrite with the old times restored moves the change time). Fails where the file
     * system offers no change time: then nothing is taken early.
     */
    private static List<Object> identity(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile() || attributes.fileKey() == null) {
            throw new IOException(file + " is not a regular file with a key");
        }
        return List.of(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(),
                Files.getAttribute(file, "unix:ctime"));
    }
}
