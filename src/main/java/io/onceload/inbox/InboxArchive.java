package io.onceload.inbox;

import io.onceload.ledger.RunStatus;
import io.onceload.load.Failpoint;
import io.onceload.load.FreeName;
import io.onceload.load.LoadOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;

/**
 * Decides where a finished inbox file goes: {@code .done/<date>/} once its load committed (or was skipped), or
 * {@code .failed/} with an {@code .error.txt} report beside it. Camel moves it only after the route completes,
 * so a file never leaves the inbox before its transaction committed. Names are never reused, so an earlier
 * file is never overwritten.
 */
final class InboxArchive {

    void decide(Exchange exchange) throws Exception {
        Failpoint.hit("after-commit");
        LoadOutcome outcome = exchange.getMessage().getMandatoryBody(LoadOutcome.class);
        Path inbox = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class));
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Path folder = outcome.status() == RunStatus.FAILED ? Path.of(".failed")
                : Path.of(".done", LocalDate.now(ZoneOffset.UTC).toString());
        Files.createDirectories(inbox.resolve(folder));
        Path target = folder.resolve(FreeName.in(inbox.resolve(folder), name));
        if (outcome.failed()) {
            Files.writeString(inbox.resolve(target + ".error.txt"), report(outcome), StandardCharsets.UTF_8);
        }
        exchange.getMessage().setHeader(PipelineRoutes.ARCHIVE_HEADER, target.toString());
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
