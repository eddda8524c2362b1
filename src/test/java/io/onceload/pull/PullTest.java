package io.onceload.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceload.ledger.Trigger;
import io.onceload.run.RunResult;
import io.onceload.testing.FlakySource;
import io.onceload.testing.Orders;
import io.onceload.testing.SourceDatabase;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipelines that pull from a second real database on the test server, with a watermark committed with the rows. */
class PullTest {

    static final LocalDate D = LocalDate.parse("2026-11-20");
    static final String COLUMNS = "order_id, customer_id, order_date, status, total_amount, currency, updated_at";
    static final String INCREMENTAL = "SELECT " + COLUMNS + " FROM src_orders"
            + " WHERE updated_at >= coalesce(:watermark::timestamptz, '-infinity') ORDER BY order_id";

    @TempDir
    Path home;

    private TestApp service;

    @BeforeEach
    void source() {
        Orders.reset();
        SourceDatabase.reset();
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void eachPullWritesOnlyWhatChangedAndRowsAtTheWatermarkAreNeitherLostNorDoubled() throws Exception {
        SourceDatabase.execute("INSERT INTO src_orders VALUES"
                + " (1, 1, '2026-11-20', 'paid', 10.00, 'EUR', '2026-11-20 10:00:00+00'),"
                + " (2, 2, '2026-11-20', 'paid', 20.00, 'EUR', '2026-11-20 10:00:00+00'),"
                + " (3, 3, '2026-11-20', 'open', 30.00, 'EUR', '2026-11-20 11:00:00+00')");
        service = start(INCREMENTAL, "watermark-column", "updated_at");

        assertThat(line(run())).isEqualTo("published 3 inserted 0 updated 0 unchanged");
        assertThat(watermark()).isEqualTo("2026-11-20 11:00:00+00");

        TestDatabase.flushStats(service.app().dataSource());
        long[] before = TestDatabase.writes("orders");
        assertThat(line(run())).as("the boundary row again, unchanged").isEqualTo("published 0 inserted 0 updated"
                + " 1 unchanged");
        assertThat(line(run())).as("the same result as the latest pull").startsWith("skipped");
        TestDatabase.flushStats(service.app().dataSource());
        assertThat(TestDatabase.writes("orders")).as("no tuple written").isEqualTo(before);

        // a row sharing the watermark's value arrives after the pull that set it; one changes; one is new
        SourceDatabase.execute("INSERT INTO src_orders VALUES"
                + " (4, 4, '2026-11-20', 'paid', 40.00, 'EUR', '2026-11-20 11:00:00+00'),"
                + " (5, 5, '2026-11-21', 'paid', 50.00, 'EUR', '2026-11-21 09:00:00+00')",
                "UPDATE src_orders SET status = 'refunded', updated_at = '2026-11-21 08:00:00+00' WHERE order_id = 1");
        assertThat(line(run())).isEqualTo("published 2 inserted 1 updated 1 unchanged");
        assertThat(watermark()).isEqualTo("2026-11-21 09:00:00+00");
        assertThat(Orders.snapshot()).isEqualTo(SourceDatabase.rows("SELECT " + COLUMNS
                + " FROM src_orders ORDER BY order_id"));
    }

    @Test
    void anOlderSnapshotComingBackIsLoadedAgain() throws Exception {
        SourceDatabase.execute("INSERT INTO src_orders VALUES (1, 1, '2026-11-20', 'paid', 10.00, 'EUR',"
                + " '2026-11-20 10:00:00+00')");
        service = start("SELECT " + COLUMNS + " FROM src_orders ORDER BY order_id", "mode", "replace");
        assertThat(line(run())).startsWith("published 1 inserted");
        SourceDatabase.execute("UPDATE src_orders SET status = 'refunded'");
        assertThat(line(run())).startsWith("published 0 inserted 1 updated");
        SourceDatabase.execute("UPDATE src_orders SET status = 'paid'");
        assertThat(line(run())).as("S1, S2, S1: the third is not the latest, so it loads")
                .startsWith("published 0 inserted 1 updated");
        assertThat(Orders.snapshot()).extracting(row -> row.get(3)).containsExactly("paid");
    }

    @Test
    void aValueTheTargetRefusesIsRejectedWithItsRowAndColumn() throws Exception {
        SourceDatabase.execute("INSERT INTO src_orders VALUES"
                + " (1, 1, '2026-11-20', 'paid', 10.00, 'EUR', '2026-11-20 10:00:00+00'),"
                + " (2, 2, '2026-11-20', 'paid', 20.00, 'EUR', '2026-11-20 10:00:00+00')");
        // currency is char(3) in the target: a four-letter code does not fit
        service = start("SELECT order_id, customer_id, order_date, status, total_amount,"
                + " CASE WHEN order_id = 2 THEN 'EURO' ELSE currency END AS currency, updated_at FROM src_orders"
                + " ORDER BY order_id", "max-rejects", "1");
        RunResult result = run();
        assertThat(line(result)).startsWith("published 1 inserted");
        assertThat(result.outcome().counts().rejected()).isEqualTo(1);
        Path rejects;
        try (var files = Files.list(home.resolve("inbox/pulled/.rejected"))) {
            rejects = files.filter(f -> f.toString().endsWith(".rejects.csv")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(rejects)).contains("2,").contains("currency");
    }

    @Test
    void aQueryTheSourceRefusesFailsTheRunWithTheSourcesMessage() throws Exception {
        service = start("SELECT nope FROM src_orders");
        RunResult result = run();
        assertThat(result.outcome().status().dbValue()).isEqualTo("failed");
        assertThat(result.outcome().error()).contains("source query failed").contains("nope");
        assertThat(Orders.count()).isZero();
    }

    @Test
    void anUnknownNamedParameterStopsTheStart() {
        assertThatThrownBy(() -> start("SELECT * FROM src_orders WHERE order_date = :day"))
                .hasMessageContaining("source-query uses the unknown named parameter :day")
                .hasMessageContaining(":logical_date");
    }

    @Test
    void aSourceThatIsDownIsRetriedAndLoadedWhenItComesBack() throws Exception {
        SourceDatabase.execute("INSERT INTO src_orders VALUES (1, 1, '2026-11-20', 'paid', 10.00, 'EUR',"
                + " '2026-11-20 10:00:00+00')");
        int port = Integer.parseInt(SourceDatabase.url().replaceAll(".*:(\\d+)/.*", "$1"));
        try (FlakySource flaky = new FlakySource(port)) {
            service = start("SELECT " + COLUMNS + " FROM src_orders", "source-db-url",
                    SourceDatabase.url().replace(":" + port + "/", ":" + flaky.port() + "/"));
            var pending = java.util.concurrent.CompletableFuture.supplyAsync(this::run);
            TestApp.await("two refused attempts", java.time.Duration.ofSeconds(30), () -> flaky.refused() >= 2);
            assertThat(pending).as("still retrying").isNotDone();
            flaky.comeBack();
            assertThat(line(pending.get(60, java.util.concurrent.TimeUnit.SECONDS)))
                    .isEqualTo("published 1 inserted 0 updated 0 unchanged");
        }
    }

    @Test
    void aBackfillPullsEachDateWithItsOwnLogicalDate() throws Exception {
        SourceDatabase.execute("INSERT INTO src_orders VALUES"
                + " (1, 1, '2026-11-20', 'paid', 10.00, 'EUR', '2026-11-20 10:00:00+00'),"
                + " (2, 2, '2026-11-21', 'paid', 20.00, 'EUR', '2026-11-21 10:00:00+00'),"
                + " (3, 3, '2026-11-21', 'paid', 30.00, 'EUR', '2026-11-21 11:00:00+00'),"
                + " (4, 4, '2026-11-23', 'paid', 40.00, 'EUR', '2026-11-23 10:00:00+00')");
        service = start("SELECT " + COLUMNS + " FROM src_orders WHERE updated_at >= :data_interval_start"
                + " AND updated_at < :data_interval_end AND order_date = :logical_date ORDER BY order_id");
        List<RunResult> results = service.app().runner().backfill("pulled", D, D.plusDays(2), Trigger.JMX);
        assertThat(results).extracting(r -> r.logicalDate() + " " + line(r)).containsExactly(
                "2026-11-20 published 1 inserted 0 updated 0 unchanged",
                "2026-11-21 published 2 inserted 0 updated 0 unchanged",
                "2026-11-22 published 0 inserted 0 updated 0 unchanged");
        assertThat(service.app().runner().backfill("pulled", D, D.plusDays(2), Trigger.JMX))
                .as("the same backfill again").extracting(r -> r.outcome().status().dbValue())
                .containsOnly("skipped");
        assertThat(Orders.count()).isEqualTo(3);
    }

    @Test
    void replacingTheLogicalDatesPartitionEmptiesADateWhoseRowsAllDisappeared() throws Exception {
        SourceDatabase.execute("INSERT INTO src_orders VALUES"
                + " (1, 1, '2026-11-20', 'paid', 10.00, 'EUR', '2026-11-20 10:00:00+00'),"
                + " (2, 2, '2026-11-20', 'paid', 20.00, 'EUR', '2026-11-20 10:00:00+00'),"
                + " (3, 3, '2026-11-21', 'paid', 30.00, 'EUR', '2026-11-21 10:00:00+00')");
        service = start("SELECT " + COLUMNS + " FROM src_orders WHERE order_date = :logical_date ORDER BY order_id",
                "mode", "replace-partitions", "partition-column", "order_date");
        service.app().runner().backfill("pulled", D, D.plusDays(1), Trigger.JMX);
        assertThat(Orders.count()).isEqualTo(3);

        SourceDatabase.execute("DELETE FROM src_orders WHERE order_date = '2026-11-20'");
        RunResult emptied = run();
        assertThat(line(emptied)).isEqualTo("published 0 inserted 0 updated 0 unchanged");
        assertThat(emptied.outcome().counts().deleted()).isEqualTo(2);
        assertThat(Orders.snapshot()).extracting(row -> row.get(0)).as("the other date untouched").containsExactly("3");
    }

    private TestApp start(String query, String... more) throws Exception {
        java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>(java.util.Map.of("table", "orders",
                "source-db-url", SourceDatabase.url(), "source-db-user", "postgres", "source-query", query));
        for (int i = 0; i < more.length; i += 2) {
            parameters.put(more[i], more[i + 1]);
        }
        return TestApp.start(home, "pulled", TestApp.pipeline("pulled", parameters.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new)));
    }

    private RunResult run() {
        List<RunResult> results = service.app().runner().run("pulled", D, Trigger.JMX);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private static String line(RunResult result) {
        var c = result.outcome().counts();
        return result.outcome().status().dbValue() + " " + c.inserted() + " inserted " + c.updated() + " updated "
                + c.unchanged() + " unchanged";
    }

    private static String watermark() {
        return TestDatabase.scalar("SELECT value FROM onceload.watermark WHERE pipeline = 'pulled'");
    }
}
