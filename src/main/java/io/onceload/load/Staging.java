package io.onceload.load;

import io.onceload.config.PipelineSettings;
import io.onceload.copy.BinaryRows;
import io.onceload.copy.CopyRows;
import io.onceload.copy.TextRows;
import io.onceload.csv.BadFileException;
import io.onceload.csv.CsvSource;
import io.onceload.csv.ReadAhead;
import io.onceload.csv.SourceRecord;
import io.onceload.ledger.RunRecord;
import io.onceload.table.Identifiers;
import io.onceload.table.LoadSql;
import io.onceload.table.StageShape;
import io.onceload.table.TableException;
import io.onceload.table.TargetTable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams one file into a temporary staging table inside the caller's transaction: parse, type-check, reject,
 * COPY, keep one line per key, then audit the counts before anything is published.
 */
final class Staging {

    private static final String WORK_MEM = "64MB";

    private Staging() {
    }

    /** What was staged; the table name of the staging table is {@link LoadSql#STAGE}. */
    record Staged(LoadSql sql, long rowsRead, long copied, long duplicates, long rejected, long distinct,
                  String sha256) {
    }

    static Staged stage(Connection connection, PipelineSettings pipeline, TargetTable table, Path file,
                        RejectsFile rejects, RunRecord run, ProgressMeter progress) throws SQLException, IOException {
        try (CsvSource source = new CsvSource(file, pipeline.encoding(), pipeline.delimiter(),
                pipeline.pull().isPresent())) {
            SourceRecord header = source.next();
            if (header == null) {
                throw new BadFileException(file, "the file is empty: no header row");
            }
            StageShape shape;
            try {
                shape = StageShape.of(table, HeaderMapping.map(file, header, table, pipeline.headerMapping(),
                        StageShape.computed(pipeline.rules())), pipeline.rules());
            } catch (TableException e) {
                throw new BadFileException(file, e.getMessage());
            }
            java.util.Optional<String> slice = pipeline.replacedSlice(run.logicalDate());
            LoadSql sql = new LoadSql(Identifiers.of(connection), table, shape, slice.isPresent());
            try (Statement statement = connection.createStatement()) {
                // the audit's aggregate and the publish join hash a whole file's keys; at the 4 MB default they
                // spill to disk (a 1M-row reprocess: MERGE 1.6 s → 1.2 s). LOCAL: only this load's transaction
                statement.execute("SET LOCAL work_mem = '" + WORK_MEM + "'");
                statement.execute(sql.createStage());
                if (slice.isPresent() && shape.partition() != null) {
                    statement.execute(sql.createSlice());
                    try (java.sql.PreparedStatement insert = connection.prepareStatement(sql.insertSlice())) {
                        insert.setString(1, slice.get());
                        insert.execute();
                    }
                }
            }
            RowEncoder encoder = new RowEncoder(shape, header, run, true);
            long[] readAndCopied = copy(connection, pipeline, sql, false, source, encoder, rejects, progress);
            return audit(connection, file, sql, readAndCopied[0], readAndCopied[1], rejects.count(), source.sha256(),
                    encoder.keysProvenDistinct());
        }
    }

    /**
     * Streams the remaining records through {@code encoder} into the staging table, or the target when
     * {@code intoTarget}; returns {read, copied}.
     */
    static long[] copy(Connection connection, PipelineSettings pipeline, LoadSql sql, boolean intoTarget,
                       CsvSource source, RowEncoder encoder, RejectsFile rejects, ProgressMeter progress)
            throws SQLException, IOException {
        boolean binary = CopyRows.binary(encoder.columns());
        String copySql = intoTarget ? sql.copyIntoTarget(binary) : sql.copyIntoStage(binary);
        PGConnection pg = connection.unwrap(PGConnection.class);
        PGCopyOutputStream copy = new PGCopyOutputStream(pg, copySql, 1 << 16);
        long read = 0;
        progress.begin();
        try (ReadAhead records = ReadAhead.start(source, source.file().getFileName().toString())) {
            CopyRows out = binary ? new BinaryRows(copy, encoder.columns()) : new TextRows(copy, encoder.columns());
            for (SourceRecord record = records.next(); record != null; record = records.next()) {
                read++;
                encoder.encode(record, rejects, out);
                if (read % pipeline.batchSize() == 0) {
                    out.flush();
                    Failpoint.hit("mid-staging");
                }
                if (progress.due(read)) {
                    progress.check(read, source.bytesRead());
                }
            }
            progress.end(read, source.bytesRead());
            out.finish();
            return new long[] {read, copy.endCopy()};
        } catch (IOException e) {
            // the COPY stream reports the server's refusal as an IOException: it is a database error
            if (e.getCause() instanceof SQLException refused) {
                throw refused;
            }
            throw e;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * Checks read = copied + rejected = distinct + duplicates + rejected and that no key is NULL. When Java proved
     * the keys distinct, the grouping by key is skipped: the staged count is COPY's own, and the encoder rejected
     * every NULL key.
     */
    private static Staged audit(Connection connection, Path file, LoadSql sql, long read, long copied,
                                long rejected, String sha256, boolean provenDistinct) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long staged = copied;
            long distinct = copied;
            long nullKeys = 0;
            if (!provenDistinct) {
                try (ResultSet rs = statement.executeQuery(sql.audit())) {
                    rs.next();
                    staged = rs.getLong(1);
                    distinct = rs.getLong(2);
                    nullKeys = rs.getLong(3);
                }
            }
            long duplicates = staged > distinct ? statement.executeUpdate(sql.dropDuplicates()) : 0;
            statement.execute(sql.analyzeStage());
            if (read != copied + rejected || staged != copied || duplicates != copied - distinct || nullKeys != 0) {
                throw new BadFileException(file, "audit failed before publish: read " + read + " rows, copied "
                        + copied + ", rejected " + rejected + ", staged " + staged + ", distinct keys " + distinct
                        + ", duplicates removed " + duplicates + ", null keys " + nullKeys);
            }
            return new Staged(sql, read, copied, duplicates, rejected, distinct, sha256);
        }
    }
}
