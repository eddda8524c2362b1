package io.onceload.run;

import io.onceload.config.PipelineSettings;
import io.onceload.inbox.InboxArchive;
import io.onceload.inbox.InboxClaim;
import io.onceload.ledger.Counts;
import io.onceload.ledger.Instance;
import io.onceload.ledger.RunHistory;
import io.onceload.ledger.RunRecord;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Sha256;
import io.onceload.ledger.Trigger;
import io.onceload.load.LoadOutcome;
import io.onceload.load.LoadRequest;
import io.onceload.load.PublishHook;
import io.onceload.load.TransientLoadException;
import io.onceload.pull.PullRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs one logical date of one pipeline: loads the day's source file in place, or takes every ready file from
 * the inbox and archives it; a run that finds nothing records {@code missing-input} or {@code no-input}.
 * Callers hold the pipeline's run lock.
 */
final class DateRun {

    private final DataSource dataSource;
    private final Function<LoadRequest, LoadOutcome> loadRoute;
    private final Clock clock;
    private final PublishHook hook;
    private final PullDate pulls;

    DateRun(DataSource dataSource, Function<LoadRequest, LoadOutcome> loadRoute,
            Function<PullRequest, Path> pullRoute, Clock clock, PublishHook hook) {
        this.dataSource = dataSource;
        this.pulls = new PullDate(dataSource, pullRoute, this);
        this.hook = hook;
        this.loadRoute = loadRoute;
        this.clock = clock;
    }

    /** @param recordMissing false when retrying a date already recorded as missing-input: stay quiet if it still is */
    List<RunResult> run(PipelineSettings pipeline, LocalDate date, Trigger trigger, boolean recordMissing) {
        return run(pipeline, date, trigger, recordMissing, null);
    }

    /** @param scheduledAt the schedule's fire this run belongs to, recorded with each of its runs; null for none */
    List<RunResult> run(PipelineSettings pipeline, LocalDate date, Trigger trigger, boolean recordMissing,
                        Instant scheduledAt) {
        if (pipeline.pull().isPresent()) {
            return List.of(pulls.run(pipeline, date, trigger, scheduledAt));
        }
        if (pipeline.schedule().hasSource()) {
            Path file = pipeline.schedule().sourceFile(date);
            if (!Files.isRegularFile(file)) {
                return recordMissing ? List.of(record(pipeline, date, scheduledAt, trigger, RunStatus.MISSING_INPUT,
                        file.getFileName().toString(), "no file at " + file + "; the next trigger tries again"))
                        : List.of();
            }
            LoadOutcome outcome = load(pipeline, file, trigger, date, scheduledAt, false);
            return List.of(new RunResult(date, trigger, outcome));
        }
        List<RunResult> results = new ArrayList<>(leftOvers(pipeline, trigger, date, scheduledAt));
        List<Path> files = InboxScan.ready(pipeline, clock.instant());
        if (files.isEmpty() && results.isEmpty()) {
            return List.of(record(pipeline, date, scheduledAt, trigger, RunStatus.NO_INPUT, null,
                    "no file ready in " + pipeline.inbox()));
        }
        for (Path file : files) {
            LoadOutcome outcome = loadAndArchive(pipeline, file, trigger, date, scheduledAt, false);
            if (outcome != null) {
                results.add(new RunResult(date, trigger, outcome));
            }
        }
        return results;
    }

    /**
     * Whether the date's latest run failed on exactly the source file that is there now, after the newest start of
     * any instance: a restart anywhere (which a fix of the pipeline's settings or table needs) tries it once more,
     * and only once for the whole cluster.
     */
    boolean unchangedSinceFailure(PipelineSettings pipeline, LocalDate date, RunHistory.DateRuns runs,
                                  Instant newestStart) {
        Path file = pipeline.schedule().sourceFile(date);
        if (runs.latest() != RunStatus.FAILED || runs.latestSha256() == null || !Files.isRegularFile(file)
                || runs.latestAt().isBefore(newestStart)) {
            return false;
        }
        try {
            return Sha256.of(file).equals(runs.latestSha256());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A file taken from the inbox: claimed, loaded, then moved out of it; gone already means another run took it.
     * Claims left over from an earlier attempt go first, since their files were delivered earlier.
     */
    LoadOutcome loadAndArchive(PipelineSettings pipeline, Path file, Trigger trigger, LocalDate date,
                               boolean reprocess) {
        return loadAndArchive(pipeline, file, trigger, date, null, reprocess);
    }

    private LoadOutcome loadAndArchive(PipelineSettings pipeline, Path file, Trigger trigger, LocalDate date,
                                       Instant scheduledAt, boolean reprocess) {
        leftOvers(pipeline, trigger, date, scheduledAt);
        return claim(pipeline, file).map(claim -> loadClaimed(pipeline, claim, trigger, date, scheduledAt, reprocess))
                .orElse(null);
    }

    /** Loads and archives the files of claims that no live run holds, oldest first. */
    List<RunResult> leftOvers(PipelineSettings pipeline, Trigger trigger, LocalDate date, Instant scheduledAt) {
        List<RunResult> results = new ArrayList<>();
        for (InboxClaim claim : InboxClaim.leftOver(pipeline.inbox())) {
            results.add(new RunResult(date, trigger, loadClaimed(pipeline, claim, trigger, date, scheduledAt, false)));
        }
        return results;
    }

    private LoadOutcome loadClaimed(PipelineSettings pipeline, InboxClaim claim, Trigger trigger, LocalDate date,
                                    Instant scheduledAt, boolean reprocess) {
        Optional<String> refusal = InboxEntry.refusal(claim.file());
        if (refusal.isPresent()) {
            return archive(claim, record(pipeline, date, scheduledAt, trigger, RunStatus.FAILED, fileName(claim),
                    refusal.get()).outcome());
        }
        LoadOutcome outcome;
        try {
            outcome = load(pipeline, claim.file(), trigger, date, scheduledAt, reprocess);
        } catch (RuntimeException e) {
            // no outcome (the database is away): the file goes back to the inbox to be taken again
            try {
                claim.release();
            } catch (IOException notBack) {
                e.addSuppressed(notBack);
            }
            throw e;
        }
        return archive(claim, outcome);
    }

    /** Records a failed run for an entry that is not read, and moves it to .failed with the reason. */
    LoadOutcome refuse(PipelineSettings pipeline, Path file, Trigger trigger, LocalDate date, String reason) {
        return claim(pipeline, file).map(claim -> archive(claim, record(pipeline, date, null, trigger, RunStatus.FAILED,
                fileName(claim), reason).outcome())).orElse(null);
    }

    private static Optional<InboxClaim> claim(PipelineSettings pipeline, Path file) {
        try {
            return InboxClaim.take(pipeline.inbox(), file);
        } catch (IOException e) {
            throw new UncheckedIOException(file.getFileName() + " could not be taken from the inbox (" + e
                    + "); it stays there and is tried again in a minute", e);
        }
    }

    private static String fileName(InboxClaim claim) {
        return claim.file().getFileName().toString();
    }

    private static LoadOutcome archive(InboxClaim claim, LoadOutcome outcome) {
        try {
            InboxArchive.archive(claim, outcome);
        } catch (IOException e) {
            try {
                claim.release();
            } catch (IOException notBack) {
                e.addSuppressed(notBack);
            }
            throw new UncheckedIOException(claim.file().getFileName() + " ended " + outcome.status().dbValue()
                    + " but could not be moved out of the inbox (" + e + "); it stays there and is tried again"
                    + " in a minute", e);
        }
        return outcome;
    }

    LoadOutcome load(PipelineSettings pipeline, Path file, Trigger trigger, LocalDate date, boolean reprocess) {
        return load(pipeline, file, trigger, date, null, reprocess);
    }

    LoadOutcome load(PipelineSettings pipeline, Path file, Trigger trigger, LocalDate date, Instant scheduledAt,
                     boolean reprocess) {
        return loadRoute.apply(new LoadRequest(pipeline, file.toAbsolutePath(), trigger, date, reprocess, null,
                scheduledAt));
    }

    /** A run that read no file: none was there, or the entry was refused unread. */
    RunResult record(PipelineSettings pipeline, LocalDate date, Instant scheduledAt, Trigger trigger,
                     RunStatus status,
                             String fileName, String reason) {
        Instant now = clock.instant();
        RunRecord run = new RunRecord(UUID.randomUUID(), pipeline.name(), trigger, date, status,
                pipeline.table().toString(), fileName, null, 0, Counts.NONE, null, reason, now, now, Instance.name(),
                scheduledAt);
        try (Connection connection = dataSource.getConnection()) {
            // a refused entry is a failed run: it notifies like one, in the transaction that records it
            connection.setAutoCommit(false);
            RunHistory.insert(connection, run);
            if (status == RunStatus.FAILED) {
                hook.failed(connection, run, false);
            }
            connection.commit();
        } catch (SQLException e) {
            throw new TransientLoadException(pipeline.name() + " " + date + ": cannot record the run: "
                    + e.getMessage(), e);
        }
        return new RunResult(date, trigger, new LoadOutcome(fileName, pipeline.name(), status, null, run.runId(),
                Counts.NONE, reason));
    }
}
