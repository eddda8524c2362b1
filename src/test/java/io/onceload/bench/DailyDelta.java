package io.onceload.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * The everyday case: a big {@code orders} table (10 × rows) and a day's file of rows / 10 lines, 90% new keys and
 * 10% changed rows spread over the table. Between runs the delta is undone (new keys deleted, changed rows
 * restored, VACUUM) instead of rebuilding the table; the baseline COPYs the file's new rows into the same table.
 */
final class DailyDelta {

    private final Probe probe;
    private final long big;
    private final long fresh;
    private final long changed;
    private final Path file;
    private final Path freshOnly;
    private final Path changedOnly;

    private DailyDelta(Probe probe, Path work, long big, long delta) {
        this.probe = probe;
        this.big = big;
        this.changed = delta / 10;
        this.fresh = delta - changed;
        this.file = work.resolve("delta-" + big + ".csv");
        this.freshOnly = work.resolve("delta-" + big + "-new.csv");
        this.changedOnly = work.resolve("delta-" + big + "-changed.csv");
    }

    /** Fills the table with {@code 10 × rows} rows (SQL, not the loader) and writes the day's files. */
    static DailyDelta prepare(Probe probe, Path work, long rows) throws Exception {
        DailyDelta delta = new DailyDelta(probe, work, 10 * rows, rows / 10);
        probe.execute("TRUNCATE public.orders", "DELETE FROM onceload.file_ledger WHERE pipeline = 'orders'",
                "DELETE FROM onceload.run WHERE pipeline = 'orders'",
                "INSERT INTO public.orders SELECT i, 1 + (i * 7919) % 50000, date '2026-01-01' + (i % 365)::int,"
                        + " (ARRAY['placed', 'paid', 'shipped', 'delivered', 'cancelled'])[1 + (i % 5)::int],"
                        + " (100 + (i * 104729) % 2500000) / 100.0, (ARRAY['EUR', 'USD', 'GBP', 'CHF'])[1 + (i % 4)::int],"
                        + " timestamptz '2026-01-01 00:00:00+00' + (i % 31536000) * interval '1 second'"
                        + " FROM generate_series(1::bigint, " + delta.big + ") i",
                "VACUUM ANALYZE public.orders",
                "DROP TABLE IF EXISTS bench_delta_orig",
                "CREATE TABLE bench_delta_orig AS SELECT * FROM public.orders WHERE order_id % " + delta.stride()
                        + " = 0 AND order_id <= " + delta.changed * delta.stride());
        delta.write();
        return delta;
    }

    Path file() {
        return file;
    }

    long big() {
        return big;
    }

    long fresh() {
        return fresh;
    }

    long changed() {
        return changed;
    }

    private long stride() {
        return big / changed;
    }

    /** Back to the table before the delta, and the ledger without it, so the next load is a first one again. */
    void undo() throws SQLException {
        probe.execute("DELETE FROM public.orders WHERE order_id > " + big,
                "UPDATE public.orders o SET status = b.status, total_amount = b.total_amount, updated_at = b.updated_at"
                        + " FROM bench_delta_orig b WHERE o.order_id = b.order_id"
                        + " AND (o.status, o.total_amount, o.updated_at)"
                        + " IS DISTINCT FROM (b.status, b.total_amount, b.updated_at)",
                "DELETE FROM onceload.file_ledger WHERE pipeline = 'orders'",
                "DELETE FROM onceload.run WHERE pipeline = 'orders'", "VACUUM public.orders");
    }

    /** The file's new rows COPYed into the same big table, then undone. */
    double copyBaseline() throws Exception {
        undo();
        probe.execute("CHECKPOINT");
        double seconds;
        try (var connection = probe.connect()) {
            seconds = Benchmark.timed(() -> {
                try (Reader in = Files.newBufferedReader(freshOnly, StandardCharsets.UTF_8)) {
                    return connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("COPY public.orders FROM STDIN (FORMAT csv, HEADER true)", in);
                }
            });
        }
        undo();
        return seconds;
    }

    /**
     * The least any loader writes for this file, told in advance which rows are new and which changed: in one
     * transaction the changed rows COPYed into a temporary table and UPDATEd by key, and the new rows COPYed in.
     */
    double knownRowsBaseline() throws Exception {
        undo();
        probe.execute("CHECKPOINT");
        double seconds;
        try (var connection = probe.connect()) {
            connection.setAutoCommit(false);
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            seconds = Benchmark.timed(() -> {
                try (var statement = connection.createStatement();
                     Reader changes = Files.newBufferedReader(changedOnly, StandardCharsets.UTF_8);
                     Reader fresh = Files.newBufferedReader(freshOnly, StandardCharsets.UTF_8)) {
                    statement.execute("CREATE TEMP TABLE bench_changes (LIKE public.orders) ON COMMIT DROP");
                    copy.copyIn("COPY bench_changes FROM STDIN (FORMAT csv, HEADER true)", changes);
                    statement.executeUpdate("UPDATE public.orders o SET customer_id = c.customer_id, order_date ="
                            + " c.order_date, status = c.status, total_amount = c.total_amount, currency = c.currency,"
                            + " updated_at = c.updated_at FROM bench_changes c WHERE o.order_id = c.order_id");
                    copy.copyIn("COPY public.orders FROM STDIN (FORMAT csv, HEADER true)", fresh);
                    connection.commit();
                    return null;
                }
            });
        }
        undo();
        return seconds;
    }

    private void write() throws IOException {
        try (BufferedWriter all = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             BufferedWriter onlyNew = Files.newBufferedWriter(freshOnly, StandardCharsets.UTF_8);
             BufferedWriter onlyChanged = Files.newBufferedWriter(changedOnly, StandardCharsets.UTF_8)) {
            all.write(OrdersGenerator.HEADER);
            onlyNew.write(OrdersGenerator.HEADER);
            onlyChanged.write(OrdersGenerator.HEADER);
            for (long i = 1; i <= changed; i++) {
                long id = i * stride();
                String line = id + "," + (1 + (id * 7919) % 50000) + ",2026-06-01,refunded,1.00,EUR,2027-01-01T00:00:00Z\n";
                all.write(line);
                onlyChanged.write(line);
            }
            for (long id = big + 1; id <= big + fresh; id++) {
                String line = id + "," + (1 + id % 50000) + ",2027-01-01,placed,19.90,EUR,2027-01-01T08:00:00Z\n";
                all.write(line);
                onlyNew.write(line);
            }
        }
    }
}
