package io.onceload.load;

import io.onceload.config.PipelineSettings;
import io.onceload.table.BadValueException;
import io.onceload.table.Column;
import io.onceload.table.Identifiers;
import io.onceload.table.LoadSql;
import io.onceload.table.TargetTable;
import io.onceload.table.ValueConverter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams one file into a temporary staging table inside the caller's transaction: parse, type-check, reject,
 * COPY, keep the last line of every key, then audit the counts before anything is published.
 */
final class Staging {

    private Staging() {
    }

    /** What was staged; the table name of the staging table is {@link LoadSql#STAGE}. */
    record Staged(LoadSql sql, long rowsRead, long copied, long duplicates, long rejected, long distinct,
                  String sha256) {
    }

    static Staged stage(Connection connection, PipelineSettings pipeline, TargetTable table, Path file,
                        RejectsFile rejects) throws SQLException, IOException {
        try (CsvSource source = new CsvSource(file, pipeline.encoding(), pipeline.delimiter())) {
            SourceRecord header = source.next();
            if (header == null) {
                throw new BadFileException(file, "the file is empty: no header row");
            }
            List<Column> mapped = HeaderMapping.map(file, header, table, pipeline.headerMapping());
            LoadSql sql = new LoadSql(Identifiers.of(connection), table, mapped);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql.createStage());
            }
            boolean[] isKey = new boolean[mapped.size()];
            for (int i = 0; i < isKey.length; i++) {
                isKey[i] = table.isKey(mapped.get(i));
            }
            long[] readAndCopied = copy(connection, pipeline, sql, source, header, mapped, isKey, rejects);
            return audit(connection, file, sql, readAndCopied[0], readAndCopied[1], rejects.count(), source.sha256());
        }
    }

    private static long[] copy(Connection connection, PipelineSettings pipeline, LoadSql sql, CsvSource source,
                               SourceRecord header, List<Column> mapped, boolean[] isKey, RejectsFile rejects)
            throws SQLException, IOException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        PGCopyOutputStream copy = new PGCopyOutputStream(pg, sql.copyIntoStage(), 1 << 16);
        long read = 0;
        // not closed: closing would flush into the COPY after endCopy() finished it
        Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
        try {
            StringBuilder row = new StringBuilder(256);
            for (SourceRecord record = source.next(); record != null; record = source.next()) {
                read++;
                if (toRow(record, header, mapped, isKey, rejects, row)) {
                    out.write(row.append('\t').append(record.line()).append('\n').toString());
                }
                if (read % pipeline.batchSize() == 0) {
                    out.flush();
                    Failpoint.hit("mid-staging");
                }
            }
            out.flush();
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

    /** Fills {@code row} with the record's COPY text, or writes the record to the rejects file. */
    private static boolean toRow(SourceRecord record, SourceRecord header, List<Column> mapped, boolean[] isKey,
                                 RejectsFile rejects, StringBuilder row) throws IOException {
        row.setLength(0);
        String[] fields = record.fields();
        if (fields.length != mapped.size()) {
            rejects.reject(record, "", "expected " + mapped.size() + " fields, found " + fields.length);
            return false;
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null && isKey[i]) {
                // a key may be nullable in the table, but a row without its key cannot be matched
                rejects.reject(record, header.fields()[i], "null in key column");
                return false;
            }
            try {
                if (i > 0) {
                    row.append('\t');
                }
                CopyText.append(row, ValueConverter.convert(mapped.get(i), fields[i]));
            } catch (BadValueException e) {
                rejects.reject(record, header.fields()[i], e.getMessage());
                return false;
            }
        }
        return true;
    }

    private static Staged audit(Connection connection, Path file, LoadSql sql, long read, long copied,
                                long rejected, String sha256) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long duplicates = statement.executeUpdate(sql.dropEarlierDuplicates());
            statement.execute(sql.analyzeStage());
            try (ResultSet rs = statement.executeQuery(sql.audit())) {
                rs.next();
                long staged = rs.getLong(1);
                long distinct = rs.getLong(2);
                long nullKeys = rs.getLong(3);
                if (read != distinct + duplicates + rejected || staged != distinct || copied != staged + duplicates
                        || nullKeys != 0) {
                    throw new BadFileException(file, "audit failed before publish: read " + read + " rows, copied "
                            + copied + ", rejected " + rejected + ", duplicates " + duplicates + ", staged " + staged
                            + ", distinct keys " + distinct + ", null keys " + nullKeys);
                }
                return new Staged(sql, read, copied, duplicates, rejected, distinct, sha256);
            }
        }
    }
}
