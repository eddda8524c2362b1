package io.onceload.task;

import static io.onceload.testing.LandingFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.Trigger;
import io.onceload.testing.LandingFiles;
import io.onceload.testing.MutableClock;
import io.onceload.testing.Orders;
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

/** A scheduled pipeline with tasks: a backfill runs each date's load and then its tasks, oldest date first. */
class ScheduledTasksTest {

    private static final LocalDate D0 = LocalDate.of(2026, 11, 20);

    @TempDir
    Path home;

    private TestApp service;

    @BeforeEach
    void start() throws Exception {
        Orders.reset();
        LandingFiles landing = new LandingFiles(home.resolve("landing"));
        for (int day = 0; day < 5; day++) {
            landing.write(D0.plusDays(day));
        }
        Files.createDirectories(home.resolve("sql"));
        // per logical date: that day's orders, so each date's task depends on its own load only
        Files.writeString(home.resolve("sql/day_revenue.sql"), "SELECT order_date, currency, count(*) AS orders,"
                + " sum(total_amount) AS revenue FROM orders WHERE order_date = :logical_date GROUP BY 1, 2");
        service = TestApp.start(home, new MutableClock(at(D0.plusDays(5), "08:00:00")), TestApp.withTasks("orders",
                TestApp.pipeline("orders", "schedule", "0 0 2 * * ?", "source", landing.pattern(), "catchup", "false"),
                TestApp.task("orders", "day_revenue", "kind", "slice", "sql", "sql/day_revenue.sql", "table",
                        "daily_revenue", "partition-column", "order_date", "slice", "logical-date")));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void aBackfillOverFiveDatesRunsEachDatesLoadThenItsTasksOldestFirst() {
        service.app().runner().backfill("orders", D0, D0.plusDays(4), Trigger.JMX);
        // one timeline of loads and tasks, in the order they finished
        List<List<String>> timeline = TestDatabase.rows("SELECT what, day FROM ("
                + " SELECT 'load' AS what, logical_date::text AS day, finished_at AS at FROM onceload.run"
                + " WHERE pipeline = 'orders' AND status = 'published' AND trigger = 'jmx'"
                + " UNION ALL SELECT task, logical_date::text, finished_at FROM onceload.task_run"
                + " WHERE pipeline = 'orders' AND trigger = 'jmx') t ORDER BY at");
        List<List<String>> expected = new java.util.ArrayList<>();
        for (int day = 0; day < 5; day++) {
            expected.add(List.of("load", D0.plusDays(day).toString()));
            expected.add(List.of("day_revenue", D0.plusDays(day).toString()));
        }
        assertThat(timeline).isEqualTo(expected);
        assertThat(TestDatabase.rows("SELECT order_date::text, orders::text, revenue::text FROM daily_revenue"
                + " WHERE order_date BETWEEN '2026-11-20' AND '2026-11-24' ORDER BY 1")).containsExactly(
                List.of("2026-11-20", "2", "30.00"), List.of("2026-11-21", "2", "30.00"),
                List.of("2026-11-22", "2", "30.00"), List.of("2026-11-23", "2", "30.00"),
                List.of("2026-11-24", "2", "30.00"));

        // the same backfill again: every load skipped, no task owed, nothing written
        long attempts = TestDatabase.count("SELECT count(*) FROM onceload.task_run WHERE pipeline = 'orders'");
        service.app().runner().backfill("orders", D0, D0.plusDays(4), Trigger.JMX);
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.task_run WHERE pipeline = 'orders'"))
                .isEqualTo(attempts);
    }
}
