package io.onceload.load;

import io.onceload.config.PipelineSettings;
import io.onceload.csv.BadFileException;
import io.onceload.ledger.Counts;
import io.onceload.ledger.Instance;
import io.onceload.ledger.Ledger;
import io.onceload.ledger.RunHistory;
import io.onceload.ledger.RunRecord;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Sha256;
import io.onceload.table.TableException;
import io.onceload.table.TargetTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one file exactly once: checksum, ledger check, staging, audit and one publish transaction that holds
 * the rows, the ledger row and the run record. Bad input is an answer ({@code failed}); only transient database
 * errors are thrown, as {@link TransientLoadException}, because only a whole load is safe to retry.
 */
public final class FileLoader {

    private static final Logger LOG = LoggerFactory.getLogger(FileLoader.class);

    private final DataSource dataSource;
    private final ProgressMeter.Cadence cadence;
    private final PublishHook hook;

    public FileLoader(DataSource dataSource) {
        this(dataSource, PublishHook.NONE);
    }

    /** @param hook what the pipeline's tasks record in each publish transaction */
    public FileLoader(DataSource dataSource, PublishHook hook) {
        this(dataSource, ProgressMeter.Cadence.DEFAULT, hook);
    }

    FileLoader(DataSource dataSource, ProgressMeter.Cadence cadence) {
        this(dataSource, cadence, PublishHook.NONE);
    }

    private FileLoader(DataSource dataSource, ProgressMeter.Cadence cadence, PublishHook hook) {
        this.dataSource = dataSource;
        this.cadence = cadence;
        this.hook = hook;
    }

    public LoadOutcome load(LoadRequest request) {
        Instant started = Instant.now();
        Path file = request.file();
        PipelineSettings pipeline = request.pipeline();
        String sha256;
        long size;
        try {
            sha256 = Sha256.of(file);
            size = Files.size(file);
        } catch (IOException e) {
            RunRecord unread = new RunRecord(UUID.randomUUID(), pipeline.name(), request.trigger(),
                    request.logicalDate(), RunStatus.FAILED, pipeline.table().toString(), file.getFileName().toString(),
                    null, 0, Counts.NONE, null, null, started, started, Instance.name(), request.scheduledAt());
            return failed(unread, "cannot read file: " + e, Counts.NONE);
        }
        Failpoint.hit("after-checksum");
        RunRecord run = new RunRecord(RunRecord.publishedRunId(pipeline.name(), sha256), pipeline.name(),
                request.trigger(), request.logicalDate(), RunStatus.PUBLISHED, pipeline.table().toString(),
                file.getFileName().toString(), sha256, size, Counts.NONE, null, null, started, started,
                Instance.name(), request.scheduledAt());
        try (Connection connection = dataSource.getConnection()) {
            Optional<UUID> published = Ledger.publishedRun(connection, pipeline.name(), sha256);
            if (published.isPresent() && !request.reprocess()) {
                return skipped(connection, run, published.get());
            }
            if (request.reprocess()) {
                // the content's own run id belongs to its first publish (maybe happening right now): a reprocess is
                // a run of its own
                run = run.finished(UUID.randomUUID(), RunStatus.PUBLISHED, Counts.NONE, null, null);
            }
            return stageAndPublish(connection, request, run);
        } catch (TransientLoadException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            if (TransientLoadException.isTransient(e)) {
                throw new TransientLoadException(file.getFileName() + ": database unavailable, will retry: "
                        + e.getMessage(), e);
            }
            // not retryable: retrying a constraint violation or a bug would only loop; the file gets a report
            LOG.error("{}: load failed", file.getFileName(), e);
            return failed(run, (e instanceof SQLException ? "database error: " : "unexpected error: ")
                    + e.getMessage(), Counts.NONE);
        }
    }

    private LoadOutcome stageAndPublish(Connection connection, LoadRequest request, RunRecord run)
            throws SQLException {
        PipelineSettings pipeline = request.pipeline();
        Path file = request.file();
        connection.setAutoCommit(false);
        ProgressMeter progress = new ProgressMeter(pipeline.name(), run.fileName(), run.sizeBytes(),
                request.progress(), cadence);
        RejectsFile rejects = new RejectsFile(pipeline.rejectedDir(), run.fileName(), pipeline.delimiter());
        try {
            TargetTable table = TargetTable.resolve(connection, pipeline.table(), pipeline.effectiveKey());
            Optional<DirectLoad.Result> direct = DirectLoad.attempt(connection, pipeline, table, file, rejects, run,
                    request.reprocess(), progress);
            Optional<Counts> written;
            List<String> touchedColumns = hook.touchedColumns(pipeline.name());
            Map<String, List<String>> touched = new LinkedHashMap<>();
            if (direct.isPresent() && direct.get().skipped()) {
                written = Optional.empty();
            } else if (direct.isPresent()) {
                Counts counts = direct.get().counts();
                Optional<LoadOutcome> refused = refuse(connection, pipeline, run, direct.get().sha256(), counts,
                        rejects);
                if (refused.isPresent()) {
                    return refused.get();
                }
                Failpoint.hit("after-staging");
                touched.putAll(TouchedValues.afterDirect(connection, table, touchedColumns));
                RunHistory.insert(connection, run.finished(run.runId(), RunStatus.PUBLISHED, counts, null, null));
                written = Optional.of(counts);
            } else {
                Staging.Staged staged = Staging.stage(connection, pipeline, table, file, rejects, run,
                        progress);
                Optional<LoadOutcome> refused = refuse(connection, pipeline, run, staged.sha256(),
                        Counts.staged(staged.rowsRead(), staged.rejected(), staged.duplicates()), rejects);
                if (refused.isPresent()) {
                    return refused.get();
                }
                Failpoint.hit("after-staging");
                written = Publisher.publish(connection, staged, run, pipeline.rules(), table, file,
                        request.reprocess(), touchedColumns, touched);
            }
            if (written.isEmpty()) {
                connection.rollback();
                connection.setAutoCommit(true);
                UUID winner = Ledger.publishedRun(connection, pipeline.name(), run.sha256()).orElse(run.runId());
                return skipped(connection, run, winner);
            }
            hook.beforeCommit(connection, run.finished(run.runId(), RunStatus.PUBLISHED, written.get(), null, null),
                    touched);
            Failpoint.hit("before-commit");
            rejects.publish();
            connection.commit();
            Counts done = written.get();
            LOG.info("{}: published into {}: {} inserted, {} updated, {} unchanged, {} rejected (run {})",
                    run.fileName(), pipeline.table(), done.inserted(), done.updated(), done.unchanged(),
                    done.rejected(), run.runId());
            return new LoadOutcome(run.fileName(), run.pipeline(), RunStatus.PUBLISHED, run.sha256(), run.runId(),
                    done, null);
        } catch (BadFileException | TableException e) {
            connection.rollback();
            publishQuietly(rejects);
            return failed(run, e.getMessage(), Counts.NONE, e instanceof CheckViolation);
        } catch (IOException | UncheckedIOException e) {
            connection.rollback();
            publishQuietly(rejects);
            return failed(run, "cannot read file: " + e.getMessage(), Counts.NONE);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            // a retry or a skip: its rejects are not the ones of a recorded outcome
            rejects.close();
        }
    }

    /** The rows rejected before a file failed stay visible beside its error report. */
    private static void publishQuietly(RejectsFile rejects) {
        try {
            rejects.publish();
        } catch (IOException e) {
            LOG.warn("could not write the rejects file: {}", e.getMessage());
        }
    }

    /** A file changed while read is retried; too many rejects fail it. Otherwise empty: go on and publish. */
    private Optional<LoadOutcome> refuse(Connection connection, PipelineSettings pipeline, RunRecord run, String sha256,
                                         Counts counts, RejectsFile rejects) throws SQLException {
        if (!sha256.equals(run.sha256())) {
            throw new TransientLoadException(run.fileName() + " changed while it was read; will retry", null);
        }
        if (counts.rejected() > pipeline.maxRejects()) {
            connection.rollback();
            publishQuietly(rejects);
            return Optional.of(failed(run, counts.rejected() + " rejected rows exceed max-rejects "
                    + pipeline.maxRejects() + "; nothing was published; see " + rejects.path(), counts));
        }
        return Optional.empty();
    }

    private LoadOutcome skipped(Connection connection, RunRecord run, UUID publishedRun) throws SQLException {
        connection.setAutoCommit(true);
        RunHistory.insert(connection, run.finished(UUID.randomUUID(), RunStatus.SKIPPED, Counts.NONE, publishedRun,
                null));
        LOG.info("{}: skipped, content already loaded as run {} (sha256 {})", run.fileName(), publishedRun,
                run.sha256());
        return new LoadOutcome(run.fileName(), run.pipeline(), RunStatus.SKIPPED, run.sha256(), publishedRun,
                Counts.NONE, null);
    }

    /** Records the failed attempt outside the rolled-back transaction; a failure to record it is only logged. */
    private LoadOutcome failed(RunRecord run, String error, Counts counts) {
        return failed(run, error, counts, false);
    }

    /** @param check the failure is a violation found by a check inside the load's transaction */
    private LoadOutcome failed(RunRecord run, String error, Counts counts, boolean check) {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            // the failed run and what it notifies commit together, once
            connection.setAutoCommit(false);
            RunRecord failed = run.finished(id, RunStatus.FAILED, counts, null, error);
            RunHistory.insert(connection, failed);
            hook.failed(connection, failed, check);
            connection.commit();
        } catch (SQLException e) {
            LOG.warn("{}: could not record the failed run: {}", run.fileName(), e.getMessage());
        }
        LOG.warn("{}: failed: {}", run.fileName(), error);
        return new LoadOutcome(run.fileName(), run.pipeline(), RunStatus.FAILED, run.sha256(), id, counts, error);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback after failure failed too", e);
        }
    }
}
