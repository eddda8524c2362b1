package io.onceload.pull;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import io.onceload.config.PipelineSettings;
import io.onceload.config.PullSettings;
import io.onceload.load.Failpoint;
import io.onceload.load.TransientLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Properties;

/**
 * Runs a pipeline's source query in one read-only REPEATABLE READ snapshot and streams the result, through a
 * cursor, into a CSV file that then loads like any delivered file: the text of each value is the source's own
 * (PostgreSQL's output, which its input accepts back), an unquoted empty field is NULL and a quoted one is ''.
 */
final class SourcePull {

    private SourcePull() {
    }

    /**
     * @param watermark the pipeline's stored watermark as PostgreSQL prints it, or null
     * @return the number of rows written to {@code spool}
     */
    static long spool(PipelineSettings pipeline, LocalDate date, String watermark, Path spool) {
        PullSettings pull = pipeline.pull().orElseThrow();
        try (Connection source = connect(pull)) {
            source.setReadOnly(true);
            source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            source.setAutoCommit(false); // a cursor streams only inside a transaction
            try (PreparedStatement query = source.prepareStatement(pull.query())) {
                query.setFetchSize(pull.fetchSize());
                bind(query, pull, date, pipeline.schedule().zone(), watermark);
                long rows;
                try (ResultSet result = query.executeQuery()) {
                    rows = write(result, spool, pipeline.name());
                }
                source.commit();
                return rows;
            }
        } catch (SQLException e) {
            if (TransientLoadException.isTransient(e)) {
                throw new SourceUnavailableException(pipeline.name() + ": source database " + pull.shownUrl()
                        + " unreachable: " + e.getMessage(), e);
            }
            throw new SourceQueryException("source query failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pulled rows to " + spool + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(PullSettings pull) throws SQLException {
        Properties properties = new Properties();
        if (pull.user() != null) {
            properties.setProperty("user", pull.user());
        }
        if (pull.password() != null) {
            properties.setProperty("password", pull.password());
        }
        properties.setProperty("ApplicationName", "onceload-pull");
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(pull.url(), properties);
    }

    private static void bind(PreparedStatement query, PullSettings pull, LocalDate date, ZoneId zone,
                             String watermark) throws SQLException {
        for (int i = 0; i < pull.names().size(); i++) {
            int at = i + 1;
            switch (pull.names().get(i)) {
                // untyped, as a literal would be: the server reads it as the type of what it is compared with
                case "watermark" -> query.setObject(at, watermark, Types.OTHER);
                case "logical_date" -> query.setObject(at, date);
                case "data_interval_start" -> query.setObject(at, date.atStartOfDay(zone).toOffsetDateTime());
                case "data_interval_end" -> query.setObject(at, date.plusDays(1).atStartOfDay(zone)
                        .toOffsetDateTime());
                default -> throw new IllegalStateException("unknown parameter :" + pull.names().get(i));
            }
        }
    }

    private static long write(ResultSet result, Path spool, String pipeline) throws SQLException, IOException {
        ResultSetMetaData meta = result.getMetaData();
        int columns = meta.getColumnCount();
        String[] values = new String[columns];
        long rows = 0;
        try (CsvWriter out = CsvWriter.builder().quoteStrategy(QuoteStrategies.EMPTY)
                .build(spool, StandardCharsets.UTF_8)) {
            for (int c = 0; c < columns; c++) {
                values[c] = meta.getColumnLabel(c + 1);
            }
            out.writeRecord(values);
            while (result.next()) {
                for (int c = 0; c < columns; c++) {
                    values[c] = result.getString(c + 1);
                }
                if (columns == 1 && values[0] == null) {
                    // one empty field is an empty line, which CSV readers skip: the row would vanish unreported
                    throw new SourceQueryException("row " + (rows + 1) + " of a one-column result is NULL, which a"
                            + " CSV line cannot carry; add a second column to the query", null);
                }
                out.writeRecord(values);
                rows++;
                if (rows % 1000 == 0) {
                    Failpoint.hit("mid-pull");
                }
            }
        }
        return rows;
    }
}
