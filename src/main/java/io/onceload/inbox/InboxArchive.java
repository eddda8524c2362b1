package io.onceload.inbox;

import io.onceload.ledger.RunStatus;
import io.onceload.load.Failpoint;
import io.onceload.load.FreeName;
import io.onceload.load.LoadOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Moves a finished inbox file to {@code .done/<date>/} once its load committed (or was skipped), or to
 * {@code .failed/} with an {@code .error.txt} report beside it. It is called only after the load returned, so a
 * file never leaves the inbox before its transaction committed. Names are never reused, so an earlier file is
 * never overwritten. Only the claimed file moves, never whatever holds its delivered name by now.
 */
public final class InboxArchive {

    private InboxArchive() {
    }

    /** @return where the file is now */
    public static Path archive(InboxClaim claim, LoadOutcome outcome) throws IOException {
        Failpoint.hit("after-commit");
        Path inbox = claim.inbox();
        Path file = claim.file();
        Path folder = inbox.resolve(outcome.status() == RunStatus.FAILED ? Path.of(".failed")
                : Path.of(".done", LocalDate.now(ZoneOffset.UTC).toString()));
        Files.createDirectories(folder);
        Path target = folder.resolve(FreeName.in(folder, file.getFileName().toString()));
        if (outcome.failed()) {
            Files.writeString(Path.of(target + ".error.txt"), report(outcome), StandardCharsets.UTF_8);
        }
        Path archived = Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        claim.forget();
        Failpoint.hit("after-move");
        return archived;
    }

    private static String report(LoadOutcome outcome) {
        return "file:     " + outcome.file() + "\n"
                + "pipeline: " + outcome.pipeline() + "\n"
                + "status:   failed, nothing was published\n"
                + "time:     " + Instant.now() + "\n"
                + "sha256:   " + outcome.sha256() + "\n"
                + "run:      " + outcome.runId() + "\n"
                + "rows:     " + outcome.counts().rowsRead() + " read, " + outcome.counts().rejected() + " rejected\n"
                + "error:    " + outcome.error() + "\n"
                + "\nFix the file (or the pipeline) and drop it into the inbox again.\n";
    }
}
