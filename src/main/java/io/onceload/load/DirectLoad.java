package io.onceload.load;

import io.onceload.config.LoadRules;
import io.onceload.config.PipelineSettings;
import io.onceload.csv.BadFileException;
import io.onceload.csv.CsvSource;
import io.onceload.csv.SourceRecord;
import io.onceload.ledger.Counts;
import io.onceload.ledger.Ledger;
import io.onceload.ledger.RunRecord;
import io.onceload.table.Identifiers;
import io.onceload.table.LoadSql;
import io.onceload.table.StageShape;
import io.onceload.table.TargetTable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Optional;

/**
 * The first load's fast path: into an empty target whose key a unique index enforces, the file is copied
 * straight into the target instead of staged and then inserted, so every row is written once. A key that occurs
 * twice in the file stops the COPY; the attempt is rolled back to its savepoint and the file is staged as usual,
 * where the last line wins.
 */
final class DirectLoad {

    private static final String UNIQUE_VIOLATION = "23505";

    private DirectLoad() {
    }

    /**
     * @param skipped another publisher claimed this content first
     * @param counts what was copied, when not skipped
     */
    record Result(boolean skipped, Counts counts, String sha256) {
    }

    /** Empty when the direct path does not apply or gave way; the caller then stages the file. */
    static Optional<Result> attempt(Connection connection, PipelineSettings pipeline, TargetTable table, Path file,
                                    RejectsFile rejects, RunRecord run, boolean reprocess, ProgressMeter progress)
            throws SQLException, IOException {
        LoadRules rules = pipeline.rules();
        // checked before the file is opened or the lock taken: loads into a filled table (nearly all of them)
        // must not hold the table's publish lock while they parse and stage
        if (!table.keyEnforced() || rules.versionColumn() != null || rules.watermarkColumn() != null
                || !table.isEmpty(connection)) {
            return Optional.empty();
        }
        try (CsvSource source = new CsvSource(file, pipeline.encoding(), pipeline.delimiter(),
                pipeline.pull().isPresent())) {
            SourceRecord header = source.next();
            if (header == null) {
                return Optional.empty();
            }
            StageShape shape = StageShape.of(table, HeaderMapping.map(file, header, table, pipeline.headerMapping(),
                    StageShape.computed(rules)), rules);
            if (shape.firstLoadedAt() != null) {
                return Optional.empty();
            }
            LoadSql sql = new LoadSql(Identifiers.of(connection), table, shape);
            Publisher.lock(connection, sql);
            // again under the lock: another publisher may have filled it meanwhile
            try (Statement statement = connection.createStatement()) {
                if (!Publisher.targetEmpty(connection, statement, sql, table)) {
                    return Optional.empty();
                }
            }
            Savepoint before = connection.setSavepoint();
            if (!Ledger.claim(connection, run) && !reprocess) {
                return Optional.of(new Result(true, null, null));
            }
            try {
                long[] readAndCopied = Staging.copy(connection, pipeline, sql, true, source,
                        new RowEncoder(shape, header, run, false), rejects, progress);
                long read = readAndCopied[0];
                long copied = readAndCopied[1];
                if (read != copied + rejects.count()) {
                    throw new BadFileException(file, "audit failed before publish: read " + read + " rows, copied "
                            + copied + ", rejected " + rejects.count());
                }
                return Optional.of(new Result(false, new Counts(read, copied, 0, 0, rejects.count(), 0, 0, 0, 0, 0),
                        source.sha256()));
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(before);
                rejects.reset();
                return Optional.empty();
            }
        }
    }
}
