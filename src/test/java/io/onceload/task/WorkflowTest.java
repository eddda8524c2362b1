package io.onceload.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.Trigger;
import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped example workflow: orders loaded, daily_revenue rebuilt for the touched dates, then checked. */
class WorkflowTest {

    private static final Path ORDERS = Path.of("examples/orders.csv");
    /** daily_revenue as the aggregate over orders says it must be. */
    private static final String EXPECTED = "SELECT order_date::text, currency, count(*)::text,"
            + " sum(total_amount)::text FROM orders WHERE status <> 'cancelled' GROUP BY 1, 2 ORDER BY 1, 2";
    private static final String DERIVED = "SELECT order_date::text, currency, orders::text, revenue::text"
            + " FROM daily_revenue ORDER BY 1, 2";

    @TempDir
    Path home;

    private TestApp service;

    @BeforeEach
    void start() throws Exception {
        Orders.reset();
        io.onceload.testing.Cli.configure(home);
        Files.createDirectories(home.resolve("sql"));
        for (String sql : List.of("daily_revenue.sql", "daily_revenue_check.sql")) {
            Files.copy(Path.of("sql", sql), home.resolve("sql").resolve(sql));
        }
        service = TestApp.start(home, "orders", TestApp.pipeline("orders"), "orders-tasks",
                Files.readString(Path.of("routes/orders-tasks.camel.yaml")));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    /** Tasks run after the file is archived, in the same lock: wait for their records. */
    private void drop(String content, String name, int tasksAfter) throws Exception {
        service.dropAndAwait("orders", content, name);
        TestApp.await(tasksAfter + " task records", java.time.Duration.ofSeconds(60),
                () -> TestDatabase.count("SELECT count(*) FROM onceload.task_run") >= tasksAfter);
    }

    private List<List<String>> tasks() {
        return TestDatabase.rows("SELECT task, status, attempt::text, inserted::text, updated::text, deleted::text,"
                + " unchanged::text FROM onceload.task_run ORDER BY started_at, task");
    }

    @Test
    void aDropRebuildsTheTouchedDatesAReplayWritesNothingAndACorrectionOnlyItsDate() throws Exception {
        drop(Files.readString(ORDERS), "orders.csv", 2);
        List<List<String>> expected = TestDatabase.rows(EXPECTED);
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(TestDatabase.rows(DERIVED)).isEqualTo(expected);
        assertThat(tasks()).containsExactly(
                List.of("daily_revenue", "succeeded", "1", Integer.toString(expected.size()), "0", "0", "0"),
                List.of("daily_revenue_check", "succeeded", "1", "0", "0", "0", "0"));

        TestDatabase.flushStats(service.app().dataSource());
        long[] before = TestDatabase.writes("public.daily_revenue");
        service.dropAndAwait("orders", ORDERS, "again.csv");
        assertThat(tasks()).as("a skipped load owes nothing").hasSize(2);
        TestDatabase.flushStats(service.app().dataSource());
        assertThat(TestDatabase.writes("public.daily_revenue")).containsExactly(before);

        // a correction file: order 1001 (2026-11-21, EUR) gets another amount, order 1009 moves from 2026-11-21 (the
        // only GBP order that day) to 2026-12-01: both days are refreshed, though 2026-11-21 is only an old value
        List<String> lines = Files.readAllLines(ORDERS);
        String correction = lines.get(0) + "\n" + lines.get(1).replace(",296.84,", ",999.99,") + "\n"
                + lines.get(9).replace(",2026-11-21,", ",2026-12-01,") + "\n";
        drop(correction, "corrected.csv", 4);
        assertThat(TestDatabase.rows(DERIVED)).isEqualTo(TestDatabase.rows(EXPECTED));
        List<String> third = tasks().get(2);
        assertThat(third.subList(0, 3)).containsExactly("daily_revenue", "succeeded", "2");
        long changed = Long.parseLong(third.get(3)) + Long.parseLong(third.get(4)) + Long.parseLong(third.get(5));
        assertThat(changed).as("2026-11-21 EUR updated, 2026-11-21 GBP deleted, 2026-12-01 GBP written").isEqualTo(3);
        assertThat(TestDatabase.rows("SELECT orders::text, revenue::text FROM daily_revenue"
                + " WHERE order_date = '2026-11-21' AND currency = 'GBP'")).isEmpty();

        // the soak's DERIVED invariant holds here, and names a table edited behind the workflow's back
        io.onceload.testing.Invariants invariants = new io.onceload.testing.Invariants(service.inbox("orders"),
                "orders", List.of());
        assertThat(invariants.derived()).isEmpty();
        TestDatabase.execute("UPDATE daily_revenue SET orders = orders + 1 WHERE order_date = '2026-12-01'");
        assertThat(invariants.derived()).singleElement().asString().startsWith("DERIVED: public.daily_revenue differs"
                + " from the aggregate over orders: missing [[2026-12-01, GBP, 1");
        assertThat(tasks().get(3).subList(0, 2)).containsExactly("daily_revenue_check", "succeeded");
    }

    @Test
    void clearOverJmxAndTheCliRunsTheTasksAgainAndRunsShowsThemUnderTheirLoad() throws Exception {
        drop(Files.readString(ORDERS), "orders.csv", 2);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        io.onceload.testing.Cli clear = io.onceload.testing.Cli.run(home, "clear", "orders", "--task", "daily_revenue",
                "--downstream", "--date", today);
        assertThat(clear.status()).as(clear.err()).isZero();
        assertThat(clear.out().strip().lines()).containsExactly(
                today + " jmx task daily_revenue #2: succeeded — 0 inserted, 0 updated, 0 deleted, 47 unchanged",
                today + " jmx task daily_revenue_check #2: succeeded — 0 inserted, 0 updated, 0 deleted, 0 unchanged");
        io.onceload.testing.Cli bad = io.onceload.testing.Cli.run(home, "clear", "orders", "--task", "nosuch",
                "--date", today);
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("pipeline 'orders' has no task 'nosuch'; tasks: daily_revenue,"
                + " daily_revenue_check");
        io.onceload.testing.Cli badDownstream = io.onceload.testing.Cli.run(home, "clear", "orders", "--task", "nosuch",
                "--downstream", "--date", today);
        assertThat(badDownstream.status()).isEqualTo(1);
        assertThat(badDownstream.err()).contains("pipeline 'orders' has no task 'nosuch'");

        io.onceload.testing.Cli runs = io.onceload.testing.Cli.run(home, "runs", "--json");
        com.fasterxml.jackson.databind.JsonNode run = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(runs.out().strip());
        assertThat(run.get("tasks")).hasSize(4);
        assertThat(run.get("tasks").get(0).get("task").asText()).isEqualTo("daily_revenue");
        assertThat(run.get("tasks").get(0).get("inserted").asLong()).isEqualTo(47);
        assertThat(run.get("tasks").get(3).get("trigger").asText()).isEqualTo("jmx");
        io.onceload.testing.Cli table = io.onceload.testing.Cli.run(home, "runs");
        assertThat(table.out()).contains("└ task daily_revenue #1", "47/0/0 -0", "└ task daily_revenue_check #2");
    }

    @Test
    void aFailedCheckStopsNothingUpstreamAndAClearAfterTheFixCompletesTheDate() throws Exception {
        drop(Files.readString(ORDERS), "orders.csv", 2);
        // someone edits the derived table by hand: the check of the next load fails, naming the date
        TestDatabase.execute("UPDATE daily_revenue SET revenue = revenue + 1 WHERE order_date = '2026-11-21'");
        List<String> lines = Files.readAllLines(ORDERS);
        // a file of one order of another day: its task recomputes only that day
        drop(lines.get(0) + "\n" + lines.get(2).replace(",1778.92,", ",1778.93,") + "\n", "second.csv", 4);
        List<List<String>> all = TestDatabase.rows("SELECT task, status, error FROM onceload.task_run"
                + " ORDER BY started_at, task");
        assertThat(all.get(3).subList(0, 2)).containsExactly("daily_revenue_check", "failed");
        assertThat(all.get(3).get(2)).contains("found 3 violating rows", "order_date=2026-11-21, currency=EUR,"
                + " expected=4430.07, stored=4431.07");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(io.onceload.testing.Cli.run(home, "status").out())
                .contains("  dates:     " + today + " incomplete (daily_revenue_check failed)");
        List<TaskRecord> cleared = service.app().runner().clear("orders", "daily_revenue", true, List.of(today),
                Trigger.CLI);
        assertThat(io.onceload.testing.Cli.run(home, "status").out()).contains("  dates:     " + today + " complete");
        assertThat(cleared).extracting(TaskRecord::task, TaskRecord::status, TaskRecord::attempt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("daily_revenue", "succeeded", 3),
                org.assertj.core.groups.Tuple.tuple("daily_revenue_check", "succeeded", 3));
        assertThat(cleared.get(0).updated()).as("the three hand-edited rows are repaired").isEqualTo(3);
        assertThat(TestDatabase.rows(DERIVED)).isEqualTo(TestDatabase.rows(EXPECTED));

        List<TaskRecord> again = service.app().runner().clear("orders", "daily_revenue", true, List.of(today),
                Trigger.CLI);
        assertThat(again.get(0).inserted() + again.get(0).updated() + again.get(0).deleted())
                .as("a clear whose inputs did not change writes nothing").isZero();
    }
}
