package io.onceload.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why an inbox entry must not be read: onceload loads only regular files that were placed in the inbox, so a
 * link (which could lead anywhere on the machine) or a FIFO (which would block a reader) is refused unread.
 */
final class InboxEntry {

    private InboxEntry() {
    }

    static Optional<String> refusal(Path file) {
        try {
            if (Files.isSymbolicLink(file)) {
                return Optional.of("refused unread: a symbolic link (to " + Files.readSymbolicLink(file)
                        + "); onceload never follows links out of the inbox. Copy the file in instead.");
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of("refused unread: not a regular file (a FIFO, socket or device)");
            }
            Object links = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            if (links instanceof Integer count && count > 1) {
                return Optional.of("refused unread: a hard link (the file has " + count + " names, possibly"
                        + " outside the inbox). Copy the file in instead.");
            }
            return Optional.empty();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty(); // no unix attributes on this file system: hard links cannot be told apart
        } catch (IOException e) {
            return Optional.of("refused unread: cannot inspect the entry: " + e.getMessage());
        }
    }
}
