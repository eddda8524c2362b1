package io.onceload.soak;

import io.onceload.ledger.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The soak's folders: a passed trial's is deleted, a failed one's kept (whole, or its logs and a listing). */
final class Workspace {

    private static final long BIG = 1 << 20;

    private Workspace() {
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Keeps a failed trial's folder. Unless {@code whole}, its large data files are replaced by {@code files.txt}
     * (path, size, sha256 of every file), which is what the evidence needs; logs and rejects files stay.
     */
    static void keep(Path dir, boolean whole) throws IOException {
        if (whole || !Files.isDirectory(dir)) {
            return;
        }
        List<String> listing = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
                long size = Files.size(file);
                listing.add(dir.relativize(file) + "\t" + size + "\t" + sha256(file));
                if (size > BIG && file.getFileName().toString().endsWith(".csv")) {
                    Files.delete(file);
                }
            }
        }
        Files.write(dir.resolve("files.txt"), listing);
    }

    private static String sha256(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
