package io.onceload.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.load.Failpoint;
import io.onceload.testing.Cli;
import io.onceload.testing.LandingFiles;
import io.onceload.testing.Orders;
import io.onceload.testing.ServiceProcess;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three service processes on one database, scheduling through Quartz's clustered store: each fire runs on one
 * instance, a date whose instance dies is completed by another, and a catch-up runs each owed date once.
 */
class ClusterTest {

    private static final String[] QUARTZ_TABLES = {"fired_triggers", "cron_triggers", "simple_triggers",
        "simprop_triggers", "blob_triggers", "triggers", "job_details", "scheduler_state"};

    @TempDir
    Path home;

    private final Map<String, Process> services = new java.util.LinkedHashMap<>();

    @BeforeEach
    void clean() throws IOException {
        Orders.reset();
        emptyQuartz();
        Files.createDirectories(home.resolve("routes"));
        Files.createDirectories(home.resolve("inbox"));
    }

    @AfterEach
    void stop() throws Exception {
        for (Process service : services.values()) {
            service.destroy();
        }
        for (Process service : services.values()) {
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        // the store outlives the services: later tests of this JVM start with no schedule of ours
        emptyQuartz();
        TestDatabase.execute("DELETE FROM onceload.instance WHERE name LIKE 'node-%'");
    }

    @Test
    void everyFireRunsOnceAndEveryInstanceTakesPart() throws Exception {
        List<String> pipelines = List.of("c1", "c2", "c3", "c4");
        for (int p = 0; p < pipelines.size(); p++) {
            LandingFiles landing = new LandingFiles(home.resolve("landing/" + pipelines.get(p)));
            for (LocalDate date : nearDates()) {
                landing.write(date, (p * 10 + 1) + ",1," + date + ",paid,1.00,EUR,2026-11-01T00:00:00Z\n");
            }
            route(pipelines.get(p), "schedule", "0/2 * * * * ?", "source", landing.pattern());
        }
        startAll("node-a", "node-b", "node-c");
        Instant from = Instant.now();

        TestApp.await("fires for 30 s", Duration.ofSeconds(90), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.run WHERE scheduled_at > '" + from.plusSeconds(30) + "'") > 0);
        for (Process service : services.values()) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }

        assertThat(TestDatabase.rows("SELECT pipeline, scheduled_at, count(*) FROM onceload.run"
                + " WHERE scheduled_at IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1")).as("no fire ran twice").isEmpty();
        for (String pipeline : pipelines) {
            long fires = TestDatabase.count("SELECT count(*) FROM onceload.run WHERE pipeline = '" + pipeline
                    + "' AND scheduled_at IS NOT NULL");
            long span = TestDatabase.count("SELECT (extract(epoch FROM max(scheduled_at) - min(scheduled_at)) / 2"
                    + " + 1)::bigint FROM onceload.run WHERE pipeline = '" + pipeline + "'");
            assertThat(fires).as(pipeline + ": a run for every fire from its first to its last").isEqualTo(span)
                    .isGreaterThan(10);
        }
        assertThat(TestDatabase.count("SELECT count(DISTINCT instance) FROM onceload.run")).as("all three took part")
                .isEqualTo(3);
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.run WHERE status NOT IN ('published',"
                + " 'skipped')")).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.run WHERE status = 'published'"))
                .as("each pipeline's file loaded once (twice only across midnight)").isBetween(4L, 8L);
        assertThat(Orders.count()).isEqualTo(4);
    }

    @Test
    void aDateWhoseInstanceDiesIsCompletedOnceByAnother() throws Exception {
        LandingFiles landing = new LandingFiles(home.resolve("landing/orders"));
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            rows.append(i).append(",1,2026-11-01,paid,1.00,EUR,2026-11-01T00:00:00Z\n");
        }
        for (LocalDate date : nearDates()) {
            landing.write(date, rows.toString());
        }
        route("orders", "schedule", "0/5 * * * * ?", "source", landing.pattern(), "batch-size", "100");
        Path marker = home.resolve("failpoint-fired");
        for (String node : List.of("node-a", "node-b", "node-c")) {
            start(node, "-D" + Failpoint.PROPERTY + "=mid-staging", "-D" + Failpoint.ONCE + "=" + marker);
        }
        awaitStarted(services.keySet().toArray(String[]::new));

        TestApp.await("one instance to halt mid-staging", Duration.ofSeconds(60),
                () -> services.values().stream().anyMatch(p -> !p.isAlive()));
        Instant died = Instant.now();
        String dead = services.entrySet().stream().filter(e -> !e.getValue().isAlive()).findFirst().orElseThrow()
                .getKey();
        assertThat(services.get(dead).exitValue()).isEqualTo(Failpoint.EXIT_STATUS);

        TestApp.await("another instance to publish the date", Duration.ofSeconds(60), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.run WHERE status = 'published'") == 1);
        long published = TestDatabase.count("SELECT (extract(epoch FROM finished_at) * 1000)::bigint"
                + " FROM onceload.run WHERE status = 'published'");
        System.out.printf("failover: %s died, date published %d ms later%n", dead, published - died.toEpochMilli());
        assertThat(TestDatabase.rows("SELECT instance FROM onceload.run WHERE status = 'published'"))
                .extracting(r -> r.get(0)).doesNotContain(dead);
        assertThat(Orders.count()).isEqualTo(500);
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.run WHERE status = 'failed'")).isZero();
    }

    @Test
    void catchUpAfterEveryInstanceWasDownRunsEachOwedDateOnceOldestFirst() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LandingFiles landing = new LandingFiles(home.resolve("landing/orders"));
        for (int back = 4; back >= -1; back--) {
            landing.write(today.minusDays(back));
        }
        // the schedule last ran four days ago; it fires at 00:00:01 UTC, so today's fire has passed too
        TestDatabase.execute("INSERT INTO onceload.run (run_id, pipeline, trigger, logical_date, status, target_table,"
                + " started_at, finished_at) VALUES (gen_random_uuid(), 'orders', 'schedule', '" + today.minusDays(4)
                + "', 'published', 'public.orders', now(), now())");
        route("orders", "schedule", "1 0 0 * * ?", "source", landing.pattern());

        startAll("node-a", "node-b", "node-c");
        TestApp.await("the owed dates to run", Duration.ofSeconds(60), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.run WHERE logical_date > '" + today.minusDays(4) + "'") >= 4);
        TestApp.await("every instance idle", Duration.ofSeconds(60), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.instance WHERE name LIKE 'node-%' AND running = '{}'"
                        + " AND heartbeat_at > now() - interval '3 seconds'") == 3);

        List<List<String>> runs = TestDatabase.rows("SELECT logical_date, status FROM onceload.run"
                + " WHERE logical_date > '" + today.minusDays(4) + "' ORDER BY started_at");
        assertThat(runs).containsExactly(List.of(today.minusDays(3).toString(), "published"),
                List.of(today.minusDays(2).toString(), "published"), List.of(today.minusDays(1).toString(), "published"),
                List.of(today.toString(), "published"));
        assertThat(Orders.count()).isEqualTo(8);
    }

    @Test
    void aTriggerOnOneInstanceWaitsForTheRunOnAnotherThenSkips() throws Exception {
        LandingFiles landing = new LandingFiles(home.resolve("landing/orders"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        landing.write(today);
        route("orders", "source", landing.pattern());
        startAll("node-a", "node-b");

        try (var blocker = TestDatabase.dataSource().getConnection()) {
            // node-b's run holds the pipeline while its publish waits for this lock
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE public.orders IN ACCESS EXCLUSIVE MODE");
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> Cli.runAt(home,
                    home.resolve("data-node-b"), "trigger", "orders", "--date", today.toString()));
            TestApp.await("node-b to run orders", Duration.ofSeconds(30), () -> TestDatabase.count(
                    "SELECT count(*) FROM onceload.instance WHERE name = 'node-b' AND 'orders' = ANY (running)") == 1);
            var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> Cli.runAt(home,
                    home.resolve("data-node-a"), "trigger", "orders", "--date", today.toString()));
            Thread.sleep(2000); // a trigger that did not wait would have finished by now
            assertThat(second).as("node-a's trigger waits for node-b's run").isNotDone();
            blocker.rollback();

            assertThat(first.get(60, TimeUnit.SECONDS).out()).contains("published");
            assertThat(second.get(60, TimeUnit.SECONDS).out()).contains("skipped");
        }
        assertThat(TestDatabase.rows("SELECT instance, status FROM onceload.run ORDER BY started_at"))
                .containsExactly(List.of("node-b", "published"), List.of("node-a", "skipped"));
    }

    @Test
    void aScheduleTheRoutesNoLongerDeclareLeavesTheSharedStore() throws Exception {
        LandingFiles landing = new LandingFiles(home.resolve("landing/orders"));
        route("c1", "schedule", "0 0 3 * * ?", "source", landing.pattern());
        route("c2", "schedule", "0 0 3 * * ?", "source", landing.pattern());
        startAll("node-a");
        assertThat(storedSchedules()).containsExactly(List.of("c1", "UTC"), List.of("c2", "UTC"));
        services.get("node-a").destroy();
        services.get("node-a").waitFor(30, TimeUnit.SECONDS);

        Files.delete(home.resolve("routes/c1.camel.yaml"));
        route("c2", "schedule", "0 0 3 * * ?", "source", landing.pattern(), "timezone", "Europe/Berlin");
        startAll("node-b");

        assertThat(storedSchedules()).as("c1 removed, c2 rescheduled in its new zone")
                .containsExactly(List.of("c2", "Europe/Berlin"));
    }

    private static List<List<String>> storedSchedules() {
        return TestDatabase.rows("SELECT trigger_name, time_zone_id FROM onceload.qrtz_cron_triggers"
                + " ORDER BY trigger_name");
    }

    private static List<LocalDate> nearDates() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return List.of(today, today.plusDays(1));
    }

    private void route(String name, String... parameters) throws IOException {
        List<String> all = new ArrayList<>(List.of(parameters));
        all.addAll(List.of("table", "orders"));
        Files.writeString(home.resolve("routes/" + name + ".camel.yaml"), TestApp.pipeline(name,
                all.toArray(String[]::new)));
    }

    private void startAll(String... nodes) throws IOException, InterruptedException {
        for (String node : nodes) {
            start(node);
        }
        awaitStarted(nodes);
    }

    private void start(String node, String... jvmOptions) throws IOException {
        String[] options = Stream.concat(Stream.of("-Donceload.instance=" + node), Stream.of(jvmOptions))
                .toArray(String[]::new);
        services.put(node, ServiceProcess.start(home, home.resolve("data-" + node), node + ".log", options));
    }

    private void awaitStarted(String... nodes) throws InterruptedException {
        for (String node : nodes) {
            TestApp.await(node + " to be started", Duration.ofSeconds(60), () -> log(node).contains("JMX on"));
        }
    }

    private String log(String node) {
        try {
            Path log = home.resolve(node + ".log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void emptyQuartz() {
        TestDatabase.execute(Stream.of(QUARTZ_TABLES).map(t -> "DELETE FROM onceload.qrtz_" + t)
                .toArray(String[]::new));
    }
}
