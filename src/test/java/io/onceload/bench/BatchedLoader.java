package io.onceload.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * The textbook Camel shape (split the file, aggregate 1000 rows, hand the batch to a JDBC endpoint): a JDBC batch
 * of upserts committed per batch, into a table that already holds the file, so every row is rewritten.
 */
final class BatchedLoader {

    static final int BATCH = 1000;

    private BatchedLoader() {
    }

    /** Loads the file in batches; {@code rows} caps the rows read. */
    static long load(Connection connection, Path file, long rows) throws Exception {
        connection.setAutoCommit(false);
        try (PreparedStatement upsert = connection.prepareStatement(NaiveLoader.upsert("bench_batched"))) {
            long loaded = SampleRows.each(file, rows, (record, number) -> {
                for (int i = 0; i < 7; i++) {
                    upsert.setString(i + 1, record.getField(i));
                }
                upsert.addBatch();
                if (number % BATCH == 0) {
                    upsert.executeBatch();
                    connection.commit();
                }
            });
            upsert.executeBatch();
            connection.commit();
            return loaded;
        }
    }
}
