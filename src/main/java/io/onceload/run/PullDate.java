package io.onceload.run;

import io.onceload.config.PipelineSettings;
import io.onceload.ledger.EarlyDigests;
import io.onceload.ledger.RunHistory;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Trigger;
import io.onceload.load.LoadOutcome;
import io.onceload.load.TransientLoadException;
import io.onceload.pull.PullRequest;
import io.onceload.pull.SourceQueryException;
import io.onceload.pull.SourceUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * One logical date of a pipeline that pulls from a database: the query's result, spooled, loads like a file. Its
 * identity is compared with the latest content loaded for that date, not with all history: the same result again
 * is {@code skipped}, while an older snapshot coming back (S1, S2, S1) is loaded again.
 */
final class PullDate {

    private final DataSource dataSource;
    private final Function<PullRequest, Path> pullRoute;
    private final DateRun dateRun;

    PullDate(DataSource dataSource, Function<PullRequest, Path> pullRoute, DateRun dateRun) {
        this.dataSource = dataSource;
        this.pullRoute = pullRoute;
        this.dateRun = dateRun;
    }

    RunResult run(PipelineSettings pipeline, LocalDate date, Trigger trigger, Instant scheduledAt) {
        Path spool;
        try {
            spool = pullRoute.apply(new PullRequest(pipeline, date));
        } catch (SourceUnavailableException | SourceQueryException e) {
            // the target is up (the unreachable source was retried meanwhile): the date stays owed
            return dateRun.record(pipeline, date, scheduledAt, trigger, RunStatus.FAILED, null, e.getMessage());
        }
        try {
            // computed once: the load takes the same checksum instead of reading the spool again
            String sha256 = EarlyDigests.start(spool).orElseThrow(() -> new IOException("spool " + spool
                    + " cannot be read")).join();
            boolean sameAsLatest = latest(pipeline, date).map(sha256::equals).orElse(false);
            // a different result loads even if the ledger has it from before; the same one skips if published
            LoadOutcome outcome = dateRun.load(pipeline, spool, trigger, date, scheduledAt, !sameAsLatest);
            return new RunResult(date, trigger, outcome);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                // the next pull of this pipeline and date overwrites it
            }
        }
    }

    private Optional<String> latest(PipelineSettings pipeline, LocalDate date) {
        try (Connection connection = dataSource.getConnection()) {
            return RunHistory.latestContent(connection, pipeline.name(), date);
        } catch (SQLException e) {
            throw new TransientLoadException(pipeline.name() + ": cannot read the run history: " + e.getMessage(), e);
        }
    }
}
