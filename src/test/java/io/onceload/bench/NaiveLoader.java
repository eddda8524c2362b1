package io.onceload.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** What people write when they first meet the duplicate problem: an autocommitted upsert per row. */
final class NaiveLoader {

    /** The upsert of one orders row into a copy of the orders table. */
    static String upsert(String table) {
        return """
            INSERT INTO %s (order_id, customer_id, order_date, status, total_amount, currency, updated_at)
            VALUES (?::bigint, ?::bigint, ?::date, ?, ?::numeric, ?, ?::timestamptz)
            ON CONFLICT (order_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, order_date = EXCLUDED.order_date,
                status = EXCLUDED.status, total_amount = EXCLUDED.total_amount, currency = EXCLUDED.currency,
                updated_at = EXCLUDED.updated_at""".formatted(table);
    }

    private NaiveLoader() {
    }

    static long load(Probe probe, Path file, long rows) throws Exception {
        probe.execute("TRUNCATE bench_naive");
        try (Connection connection = probe.connect();
             PreparedStatement upsert = connection.prepareStatement(upsert("bench_naive"))) {
            return SampleRows.each(file, rows, (record, number) -> {
                for (int i = 0; i < 7; i++) {
                    upsert.setString(i + 1, record.getField(i));
                }
                upsert.executeUpdate();
            });
        }
    }
}
