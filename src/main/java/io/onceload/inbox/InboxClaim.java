package io.onceload.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * An inbox file taken for loading by renaming it into a folder of its own ({@code .claimed/<owner>-<n>/<name>}), so
 * that a file delivered later under the same name can never be archived in its place: only the claimed file is
 * read, and only the claimed file is archived.
 *
 * @param inbox the pipeline's inbox
 * @param original where the file was delivered
 * @param file where the claimed file is now; its name is the delivered one
 */
public record InboxClaim(Path inbox, Path original, Path file) {

    /** The folder under the inbox that holds claimed files; hidden, so no inbox scan ever lists it. */
    public static final String FOLDER = ".claimed";
    private static final String OWNER = owner(ProcessHandle.current());
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /**
     * Claims {@code file} with one atomic rename.
     *
     * @return empty when the file is gone: another run or service claimed it first
     */
    public static Optional<InboxClaim> take(Path inbox, Path file) throws IOException {
        Path folder = inbox.resolve(FOLDER).resolve(OWNER + "-" + SEQUENCE.incrementAndGet());
        Files.createDirectories(folder);
        Path claimed = folder.resolve(file.getFileName().toString());
        try {
            Files.move(file, claimed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            Files.deleteIfExists(folder);
            return Optional.empty();
        }
        return Optional.of(new InboxClaim(inbox, file, claimed));
    }

    /** Whether any claim folder exists, without touching it: a cheap look before taking the pipeline's lock. */
    public static boolean anyUnder(Path inbox) {
        try (Stream<Path> folders = Files.list(inbox.resolve(FOLDER))) {
            return folders.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Claims no live process is working on: this process's own (its callers hold the pipeline's run lock) and those
     * of processes that died, e.g. by {@code kill -9} between the claim and the archive. Oldest first. Every claim
     * is taken inside a run, under the pipeline's lock across instances, so a caller holding that lock knows a
     * claim of another host's process is left over too, though its pid cannot be checked from here.
     */
    public static List<InboxClaim> leftOver(Path inbox) {
        Path root = inbox.resolve(FOLDER);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<InboxClaim> claims = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            List<Path> claimFolders = folders.filter(Files::isDirectory)
                    .filter(f -> f.getFileName().toString().lastIndexOf('-') > 0).toList();
            for (Path folder : claimFolders.stream().sorted(InboxClaim::bySequence).toList()) {
                if (!ownerGone(folder.getFileName().toString())) {
                    continue;
                }
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> inside = files.toList();
                    if (inside.isEmpty()) {
                        Files.deleteIfExists(folder);
                    }
                    inside.forEach(file -> claims.add(new InboxClaim(inbox, inbox.resolve(file.getFileName()), file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the claimed files of " + inbox, e);
        }
        return claims;
    }

    /**
     * Puts the file back under its delivered name, for a load that could not finish (the database is away) or
     * a claim a dead process left. When a newer file took that name meanwhile, the claim stays and is loaded
     * before it ({@link #leftOver}), so the older content is never overwritten nor published after the newer.
     *
     * @return whether the file is back in the inbox
     */
    public boolean release() throws IOException {
        if (Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isSameFile(original, file)) {
                return false;
            }
            // a kill between the link and the delete below left both names of one file: keep the inbox's
            Files.delete(file);
            forget();
            return true;
        }
        try {
            // a hard link fails where the name exists, so a file delivered this instant is never replaced
            Files.createLink(original, file);
            Files.delete(file);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            // no hard links on this file system: a plain move, which checks for the name just before it
            Files.move(file, original);
        }
        forget();
        return true;
    }

    /** Removes the claim's empty folder once the file was archived. */
    public void forget() throws IOException {
        Files.deleteIfExists(file.getParent());
    }

    private static int bySequence(Path a, Path b) {
        String x = a.getFileName().toString();
        String y = b.getFileName().toString();
        int byOwner = x.substring(0, x.lastIndexOf('-')).compareTo(y.substring(0, y.lastIndexOf('-')));
        return byOwner != 0 ? byOwner : Long.compare(sequence(x), sequence(y));
    }

    private static long sequence(String folder) {
        try {
            return Long.parseLong(folder.substring(folder.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code <pid>.<start millis>}: a pid alone could have been reused by an unrelated process. */
    private static String owner(ProcessHandle process) {
        return process.pid() + "." + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static boolean ownerGone(String folder) {
        int dash = folder.lastIndexOf('-');
        String owner = dash < 0 ? folder : folder.substring(0, dash);
        if (owner.equals(OWNER)) {
            return true;
        }
        int dot = owner.indexOf('.');
        if (dot < 0) {
            return true;
        }
        try {
            long pid = Long.parseLong(owner.substring(0, dot));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(InboxClaim::owner)
                    .map(live -> !live.equals(owner)).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
