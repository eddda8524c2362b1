package io.onceload.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checksums a CLI command starts computing on a thread of their own while the process starts (JVM, database, Camel
 * take 0.5–1 s), so a file's SHA-256 is ready when its load begins. One is used only for a file whose size and
 * modification time are still the ones seen before it was read; anything else is read again.
 */
public final class EarlyDigests {

    private static final Map<Path, Pending> PENDING = new ConcurrentHashMap<>();

    private record Pending(long size, FileTime modified, CompletableFuture<String> sha256) {
    }

    private EarlyDigests() {
    }

    /**
     * Starts checksumming {@code file} unless that is under way.
     *
     * @return the checksum to come; empty for a file that cannot be read, which is left to the load
     */
    public static Optional<CompletableFuture<String>> start(Path file) {
        Path key = file.toAbsolutePath().normalize();
        try {
            BasicFileAttributes seen = Files.readAttributes(key, BasicFileAttributes.class);
            if (!seen.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(PENDING.computeIfAbsent(key, k -> new Pending(seen.size(), seen.lastModifiedTime(),
                    CompletableFuture.supplyAsync(() -> {
                        try {
                            return Sha256.read(k);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }))).sha256());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The early checksum of {@code file}, when one was started and the file has not changed since; used once. */
    static Optional<String> take(Path file) {
        Pending pending = PENDING.remove(file.toAbsolutePath().normalize());
        if (pending == null) {
            return Optional.empty();
        }
        try {
            String sha256 = pending.sha256().join();
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
            return now.size() == pending.size() && now.lastModifiedTime().equals(pending.modified())
                    ? Optional.of(sha256) : Optional.empty();
        } catch (CompletionException | IOException e) {
            return Optional.empty();
        }
    }
}
