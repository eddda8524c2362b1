package io.onceload.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident that started onceload: the same orders file dropped again must not add a single row. */
class InboxReplayTest {

    private static final Path ORDERS = Path.of("examples/orders.csv");

    @TempDir
    Path home;

    private TestApp service;

    @BeforeEach
    void start() throws Exception {
        Orders.reset();
        service = TestApp.start(home, "orders", TestApp.pipeline("orders"));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    private void dropAndWait(String name) throws Exception {
        service.dropAndAwait("orders", ORDERS, name);
    }

    @Test
    void droppingTheSameFileAgainAndUnderAnotherNameLeavesExactlyOneCopyOfEveryRow() throws Exception {
        dropAndWait("orders.csv");
        assertThat(Orders.count()).isEqualTo(100);
        assertThat(Orders.sum()).isEqualTo("139138.88");
        List<List<String>> once = Orders.snapshot();
        List<List<String>> versions = Orders.versions();
        TestDatabase.flushStats(service.app().dataSource());
        long[] before = TestDatabase.writes("public.orders");
        assertThat(before[0]).as("n_tup_ins of the first load").isGreaterThanOrEqualTo(100);

        dropAndWait("orders.csv");
        dropAndWait("orders-copy.csv");

        assertThat(Orders.count()).isEqualTo(100);
        assertThat(Orders.sum()).isEqualTo("139138.88");
        assertThat(Orders.snapshot()).isEqualTo(once);
        assertThat(Orders.versions()).as("no row was rewritten").isEqualTo(versions);
        TestDatabase.flushStats(service.app().dataSource());
        assertThat(TestDatabase.writes("public.orders")).as("inserts, updates, deletes by the replays")
                .containsExactly(before);

        assertThat(TestDatabase.rows("SELECT status, file_name, inserted, of_run_id IS NOT NULL FROM onceload.run"
                + " ORDER BY started_at")).containsExactly(
                List.of("published", "orders.csv", "100", "f"),
                List.of("skipped", "orders.csv", "0", "t"),
                List.of("skipped", "orders-copy.csv", "0", "t"));
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger")).isEqualTo(1);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(TestApp.filesUnder(service.inbox("orders"))).containsExactly(
                ".done/" + today + "/orders-copy.csv", ".done/" + today + "/orders.2.csv",
                ".done/" + today + "/orders.csv");
    }

    @Test
    void aChangedFileWritesOnlyItsNewAndChangedRows() throws Exception {
        dropAndWait("orders.csv");
        List<String> lines = Files.readAllLines(ORDERS);
        // rows 1-3 change their amount, rows 4.. stay, two new orders are appended
        for (int i = 1; i <= 3; i++) {
            String[] f = lines.get(i).split(",");
            f[4] = "9999.99";
            lines.set(i, String.join(",", f));
        }
        lines.add("2001,7,2026-11-22,placed,10.00,EUR,2026-11-22T10:00:00Z");
        lines.add("2002,8,2026-11-22,placed,20.50,USD,2026-11-22T11:00:00Z");
        Path changed = Files.write(home.resolve("changed.csv"), lines);
        List<List<String>> versionsBefore = Orders.versions();
        TestDatabase.flushStats(service.app().dataSource());
        long[] before = TestDatabase.writes("public.orders");

        service.dropAndAwait("orders", changed, "orders-2.csv");

        assertThat(TestDatabase.rows("SELECT status, rows_read, inserted, updated, unchanged, rejected"
                + " FROM onceload.run WHERE file_name = 'orders-2.csv'"))
                .containsExactly(List.of("published", "102", "2", "3", "97", "0"));
        assertThat(Orders.count()).isEqualTo(102);
        assertThat(TestDatabase.scalar("SELECT total_amount FROM orders WHERE order_id = 1001")).isEqualTo("9999.99");
        List<List<String>> versionsAfter = Orders.versions();
        long rewritten = versionsBefore.stream().filter(v -> !versionsAfter.contains(v)).count();
        assertThat(rewritten).as("rows given a new version").isEqualTo(3);
        TestDatabase.flushStats(service.app().dataSource());
        long[] after = TestDatabase.writes("public.orders");
        assertThat(after[1] - before[1]).as("n_tup_upd delta").isEqualTo(3);
        assertThat(after[0] - before[0]).as("n_tup_ins delta").isEqualTo(2);
    }
}
