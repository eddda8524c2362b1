package io.onceload.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.Trigger;
import io.onceload.run.RunResult;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that fails stops its downstream tasks; transient errors are retried; one date never runs twice at once. */
class TaskFailureTest {

    @TempDir
    Path home;

    private TestApp service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    private void start(String... tasks) throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.events_t, public.totals_t, public.divisor_t",
                "DROP SEQUENCE IF EXISTS public.flaky_seq",
                "CREATE TABLE public.events_t (id int PRIMARY KEY, day date NOT NULL, amount int NOT NULL)",
                "CREATE TABLE public.totals_t (day date PRIMARY KEY, total bigint NOT NULL)",
                "CREATE TABLE public.divisor_t (d int NOT NULL)", "CREATE SEQUENCE public.flaky_seq",
                "DELETE FROM onceload.file_ledger WHERE pipeline = 'events_t'",
                "DELETE FROM onceload.run WHERE pipeline = 'events_t'");
        Files.createDirectories(home.resolve("sql"));
        // fails with a division by zero until divisor_t holds a row: a bug in the data, fixed by hand
        Files.writeString(home.resolve("sql/totals.sql"), "SELECT day, sum(amount) / (SELECT count(*) FROM divisor_t)"
                + " AS total FROM events_t WHERE day = ANY(:partitions) GROUP BY day");
        Files.writeString(home.resolve("sql/positive.sql"), "SELECT day, total FROM totals_t WHERE total < 0");
        // the first attempt loses its session, as when PostgreSQL restarts: a transient error
        Files.writeString(home.resolve("sql/flaky.sql"), "SELECT CASE WHEN nextval('flaky_seq') = 1 THEN"
                + " pg_terminate_backend(pg_backend_pid()) END;\nUPDATE totals_t SET total = total WHERE day = :logical_date");
        String[] routes = TestApp.withTasks("events_t", TestApp.pipeline("events_t"), tasks);
        service = TestApp.start(home, routes);
    }

    private static String totals() {
        return TestApp.task("events_t", "totals", "kind", "slice", "sql", "sql/totals.sql", "table", "totals_t",
                "partition-column", "day", "slice", "loaded-partitions");
    }

    private List<List<String>> taskRuns() {
        return TestDatabase.rows("SELECT task, status, attempt::text FROM onceload.task_run WHERE pipeline = 'events_t'"
                + " ORDER BY started_at, task");
    }

    private void dropAndAwaitTasks(String content, String name, int records) throws Exception {
        service.dropAndAwait("events_t", content, name);
        TestApp.await(records + " task records", java.time.Duration.ofSeconds(60), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.task_run WHERE pipeline = 'events_t'") >= records);
    }

    @Test
    void aFailingTaskMarksItsDownstreamUpstreamFailedUntilAClearAfterTheFix() throws Exception {
        start(totals(), TestApp.task("events_t", "positive", "kind", "check", "sql", "sql/positive.sql",
                "after", "totals"));
        dropAndAwaitTasks("id,day,amount\n1,2026-11-01,10\n2,2026-11-02,5\n", "e1.csv", 2);
        assertThat(taskRuns()).containsExactly(List.of("totals", "failed", "1"),
                List.of("positive", "upstream-failed", "1"));
        assertThat(TestDatabase.scalar("SELECT error FROM onceload.task_run WHERE pipeline = 'events_t'"
                + " AND task = 'totals'"))
                .contains("division by zero");
        assertThat(TestDatabase.count("SELECT count(*) FROM totals_t")).isZero();

        // a fire or trigger that brings no new input does not retry the failure
        service.app().runner().runOwedTasks("events_t", Trigger.JMX);
        assertThat(taskRuns()).hasSize(2);

        TestDatabase.execute("INSERT INTO divisor_t VALUES (1)");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<TaskRecord> cleared = service.app().runner().clear("events_t", "totals", true, List.of(today),
                Trigger.CLI);
        assertThat(cleared).extracting(TaskRecord::task, TaskRecord::status, TaskRecord::attempt, TaskRecord::trigger)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("totals", "succeeded", 2, Trigger.CLI),
                        org.assertj.core.groups.Tuple.tuple("positive", "succeeded", 2, Trigger.CLI));
        assertThat(TestDatabase.rows("SELECT day::text, total::text FROM totals_t ORDER BY day"))
                .containsExactly(List.of("2026-11-01", "10"), List.of("2026-11-02", "5"));
    }

    @Test
    void aCheckAfterTheLoadRunsInsideItsTransactionAndRefusesThePublish() throws Exception {
        Files.createDirectories(home.resolve("sql"));
        Files.writeString(home.resolve("sql/no_negative.sql"), "SELECT id, amount FROM events_t WHERE amount < 0");
        start(TestApp.task("events_t", "no_negative", "kind", "check", "sql", "sql/no_negative.sql"));
        service.dropAndAwait("events_t", "id,day,amount\n1,2026-11-01,10\n2,2026-11-01,-3\n", "bad.csv");
        assertThat(TestDatabase.count("SELECT count(*) FROM events_t")).as("nothing published").isZero();
        assertThat(TestDatabase.scalar("SELECT status || ': ' || error FROM onceload.run WHERE pipeline = 'events_t'"))
                .isEqualTo("failed: bad.csv: check 'no_negative' found 1 violating row: (id=2, amount=-3); nothing was"
                        + " published");
        assertThat(Files.readString(service.inbox("events_t").resolve(".failed/bad.csv.error.txt")))
                .contains("(id=2, amount=-3)");

        service.dropAndAwait("events_t", "id,day,amount\n1,2026-11-01,10\n", "good.csv");
        service.app().runner().runOwedTasks("events_t", Trigger.JMX);
        assertThat(taskRuns()).containsExactly(List.of("no_negative", "succeeded", "1"));
        assertThat(TestDatabase.count("SELECT count(*) FROM events_t")).isEqualTo(1);
    }

    @Test
    void aTransientErrorIsRetriedWithinOneAttempt() throws Exception {
        TestDatabase.execute("DROP SEQUENCE IF EXISTS public.flaky_seq");
        start(totals(), TestApp.task("events_t", "flaky", "kind", "sql", "sql", "sql/flaky.sql", "after", "totals",
                "backoff-ms", "10"));
        TestDatabase.execute("INSERT INTO divisor_t VALUES (1)");
        dropAndAwaitTasks("id,day,amount\n1,2026-11-01,10\n", "e1.csv", 2);
        assertThat(taskRuns()).containsExactly(List.of("totals", "succeeded", "1"),
                List.of("flaky", "succeeded", "1"));
        assertThat(TestDatabase.scalar("SELECT last_value FROM flaky_seq")).as("two deliveries of one attempt")
                .isEqualTo("2");
    }

    @Test
    void twoTriggersOfOneDateAtOnceRunItsTasksOnce() throws Exception {
        start(totals());
        TestDatabase.execute("INSERT INTO divisor_t VALUES (1)");
        Files.createDirectories(service.inbox("events_t"));
        // written as an older file, so the inbox consumer and both triggers all see it ready at once
        Path file = Files.writeString(service.inbox("events_t").resolve(".e1.part"), "id,day,amount\n1,2026-11-01,7\n");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        CompletableFuture<List<RunResult>> first = CompletableFuture.supplyAsync(() ->
                service.app().runner().run("events_t", today, Trigger.JMX));
        CompletableFuture<List<RunResult>> second = CompletableFuture.supplyAsync(() ->
                service.app().runner().run("events_t", today, Trigger.JMX));
        Files.move(file, service.inbox("events_t").resolve("e1.csv"));
        first.get();
        second.get();
        TestApp.await("the file's tasks", java.time.Duration.ofSeconds(60), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.run WHERE pipeline = 'events_t' AND status = 'published'") == 1
                && !taskRuns().isEmpty());
        service.app().runner().runOwedTasks("events_t", Trigger.JMX);
        assertThat(taskRuns()).containsExactly(List.of("totals", "succeeded", "1"));
        assertThat(TestDatabase.rows("SELECT day::text, total::text FROM totals_t")).containsExactly(
                List.of("2026-11-01", "7"));
    }
}
