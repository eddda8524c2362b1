package io.onceload.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.Trigger;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slices whose inputs come from replaced partitions, and queries a slice must refuse. */
class SliceEdgesTest {

    @TempDir
    Path home;

    private TestApp service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    private void start(String sql, String... loadParameters) throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.sales_t, public.day_totals_t",
                "CREATE TABLE public.sales_t (id int PRIMARY KEY, store int NOT NULL, day date NOT NULL,"
                        + " amount int NOT NULL, tags jsonb)",
                "CREATE TABLE public.day_totals_t (day date PRIMARY KEY, total bigint NOT NULL)",
                "DELETE FROM onceload.file_ledger WHERE pipeline = 'sales_t'",
                "DELETE FROM onceload.run WHERE pipeline = 'sales_t'");
        Files.createDirectories(home.resolve("sql"));
        Files.writeString(home.resolve("sql/totals.sql"), sql);
        service = TestApp.start(home, TestApp.withTasks("sales_t", TestApp.pipeline("sales_t", loadParameters),
                TestApp.task("sales_t", "totals", "kind", "slice", "sql", "sql/totals.sql", "table", "day_totals_t",
                        "partition-column", "day", "slice", "loaded-partitions")));
    }

    private void drop(String csv, String name, int taskRecords) throws Exception {
        service.dropAndAwait("sales_t", csv, name);
        TestApp.await(taskRecords + " task records", java.time.Duration.ofSeconds(30), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.task_run WHERE pipeline = 'sales_t'") >= taskRecords);
    }

    private static List<List<String>> totals() {
        return TestDatabase.rows("SELECT day::text, total::text FROM day_totals_t ORDER BY day");
    }

    @Test
    void aDayWhoseLastSaleAReplacedStoreDroppedIsRecomputed() throws Exception {
        // the query ends in a comment: it must not swallow what onceload wraps around it
        start("SELECT day, sum(amount) AS total FROM sales_t WHERE day = ANY(:partitions)"
                + " AND (tags IS NULL OR NOT tags ? 'void') GROUP BY day -- one row per day",
                "mode", "replace-partitions", "partition-column", "store");
        drop("id,store,day,amount,tags\n1,7,2026-03-01,10,\n2,7,2026-03-02,5,\n3,8,2026-03-02,1,\"{\"\"void\"\": 1}\"\n",
                "all.csv", 1);
        assertThat(totals()).containsExactly(List.of("2026-03-01", "10"), List.of("2026-03-02", "5"));
        // store 7 again, without its sale of 2026-03-01: that day is in no row of the file, yet it is recomputed
        drop("id,store,day,amount,tags\n2,7,2026-03-02,6,\n", "store7.csv", 2);
        assertThat(totals()).containsExactly(List.of("2026-03-02", "6"));
        assertThat(TestDatabase.scalar("SELECT status FROM onceload.task_run WHERE pipeline = 'sales_t'"
                + " ORDER BY attempt DESC LIMIT 1"))
                .isEqualTo("succeeded");
    }

    @Test
    void aQueryReturningAKeyTwiceOrAKeyStoredOutsideItsSliceFailsAndWritesNothing() throws Exception {
        start("SELECT day, sum(amount) AS total FROM sales_t WHERE day = ANY(:partitions) GROUP BY day, store");
        drop("id,store,day,amount\n1,7,2026-03-01,10\n2,8,2026-03-01,5\n", "two-stores.csv", 1);
        assertThat(TestDatabase.scalar("SELECT status || ': ' || error FROM onceload.task_run"
                + " WHERE pipeline = 'sales_t'")).startsWith("failed:")
                .contains("returned the key of public.day_totals_t more than once, e.g. (2026-03-01)");
        assertThat(totals()).isEmpty();

    }

    @Test
    void aKeyStoredUnderAnotherPartitionIsNeverMovedIntoTheSlice() throws Exception {
        // the derived table is keyed by store and partitioned by day: a store's row lives under one day
        TestDatabase.execute("DROP TABLE IF EXISTS public.store_last_t",
                "CREATE TABLE public.store_last_t (store int PRIMARY KEY, day date NOT NULL, total bigint NOT NULL)",
                "INSERT INTO store_last_t VALUES (7, '2026-03-01', 10)");
        TestDatabase.execute("DROP TABLE IF EXISTS public.sales_t",
                "CREATE TABLE public.sales_t (id int PRIMARY KEY, store int NOT NULL, day date NOT NULL,"
                        + " amount int NOT NULL, tags jsonb)",
                "DELETE FROM onceload.file_ledger WHERE pipeline = 'sales_t'",
                "DELETE FROM onceload.run WHERE pipeline = 'sales_t'");
        Files.createDirectories(home.resolve("sql"));
        Files.writeString(home.resolve("sql/last.sql"), "SELECT store, day, sum(amount) AS total FROM sales_t"
                + " WHERE day = ANY(:partitions) GROUP BY store, day");
        service = TestApp.start(home, TestApp.withTasks("sales_t", TestApp.pipeline("sales_t"),
                TestApp.task("sales_t", "last", "kind", "slice", "sql", "sql/last.sql", "table", "store_last_t",
                        "partition-column", "day", "slice", "loaded-partitions")));
        drop("id,store,day,amount\n1,7,2026-03-02,4\n", "next-day.csv", 1);
        assertThat(TestDatabase.scalar("SELECT status || ': ' || error FROM onceload.task_run"
                + " WHERE pipeline = 'sales_t'")).startsWith("failed:")
                .contains("keys the query returned are stored in public.store_last_t outside the slice, e.g. (7)");
        assertThat(TestDatabase.rows("SELECT store::text, day::text, total::text FROM store_last_t"))
                .containsExactly(List.of("7", "2026-03-01", "10"));
    }
}
