package io.onceload.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** What people write when they first meet the duplicate problem: an autocommitted upsert per row. */
final class NaiveLoader {

    private static final String UPSERT = """
            INSERT INTO bench_naive (order_id, customer_id, order_date, status, total_amount, currency, updated_at)
            VALUES (?::bigint, ?::bigint, ?::date, ?, ?::numeric, ?, ?::timestamptz)
            ON CONFLICT (order_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, order_date = EXCLUDED.order_date,
                status = EXCLUDED.status, total_amount = EXCLUDED.total_amount, currency = EXCLUDED.currency,
                updated_at = EXCLUDED.updated_at""";

    private NaiveLoader() {
    }

    static long load(Probe probe, Path file, long rows) throws Exception {
        probe.execute("TRUNCATE bench_naive");
        long loaded = 0;
        try (Connection connection = probe.connect();
             PreparedStatement upsert = connection.prepareStatement(UPSERT);
             CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            boolean header = true;
            for (CsvRecord record : reader) {
                if (header) {
                    header = false;
                    continue;
                }
                if (loaded++ == rows) {
                    break;
                }
                for (int i = 0; i < 7; i++) {
                    upsert.setString(i + 1, record.getField(i));
                }
                upsert.executeUpdate();
            }
        }
        return loaded;
    }
}
