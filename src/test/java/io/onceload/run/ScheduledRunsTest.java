package io.onceload.run;

import static io.onceload.testing.LandingFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Trigger;
import io.onceload.testing.LandingFiles;
import io.onceload.testing.MutableClock;
import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logical dates, catch-up and backfill of a pipeline that reads the day's file from a landing folder. */
class ScheduledRunsTest {

    private static final LocalDate D0 = LocalDate.of(2026, 11, 20);
    private static final LocalDate D1 = D0.plusDays(1);
    private static final LocalDate D2 = D0.plusDays(2);

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(at(D0, "08:00:00"));
    private LandingFiles landing;
    private TestApp service;
    private PipelineRunner runner;

    @BeforeEach
    void start() throws Exception {
        Orders.reset();
        landing = new LandingFiles(home.resolve("landing"));
        service = TestApp.start(home, clock, "orders", TestApp.pipeline("orders",
                "schedule", "0 0 2 * * ?", "source", landing.pattern()));
        runner = service.app().runner();
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    private static List<String> statuses(List<RunResult> results) {
        return results.stream().map(r -> r.logicalDate() + " " + r.outcome().status().dbValue()).toList();
    }

    private static List<List<String>> history() {
        return TestDatabase.rows("SELECT logical_date::text, trigger, status FROM onceload.run"
                + " WHERE pipeline = 'orders' ORDER BY finished_at, started_at");
    }

    @Test
    void aFireRunsItsLogicalDateAndLeavesTheSourceFileInPlace() throws Exception {
        Path file = landing.write(D0);

        List<RunResult> results = runner.fired("orders", at(D0, "02:00:00"));

        assertThat(statuses(results)).containsExactly(D0 + " published");
        assertThat(Files.exists(file)).as("a source file is loaded in place, never moved").isTrue();
        assertThat(history()).containsExactly(List.of(D0.toString(), "schedule", "published"));
        assertThat(Orders.count()).isEqualTo(2);
    }

    @Test
    void afterATwoDayGapTheMissedDatesRunOnceEachOldestFirst() throws Exception {
        landing.write(D0);
        landing.write(D1);
        landing.write(D2);
        runner.fired("orders", at(D0, "02:00:00"));

        clock.set(at(D2, "09:30:00")); // down through the fires of D1 and D2
        List<RunResult> caughtUp = runner.catchUp("orders");

        assertThat(statuses(caughtUp)).containsExactly(D1 + " published", D2 + " published");
        assertThat(runner.catchUp("orders")).as("nothing is owed any more").isEmpty();
        assertThat(history()).extracting(row -> row.get(0) + " " + row.get(1))
                .containsExactly(D0 + " schedule", D1 + " schedule", D2 + " schedule");
        assertThat(Orders.count()).isEqualTo(6);
    }

    @Test
    void aMissingFileIsRecordedAndTheNextFireLoadsItOnceItArrives() throws Exception {
        landing.write(D0);
        runner.fired("orders", at(D0, "02:00:00"));
        clock.set(at(D1, "02:00:01"));

        List<RunResult> missing = runner.fired("orders", at(D1, "02:00:00"));
        assertThat(statuses(missing)).containsExactly(D1 + " missing-input");
        assertThat(missing.get(0).outcome().error()).contains("orders_" + D1 + ".csv");

        landing.write(D1);
        landing.write(D2);
        clock.set(at(D2, "02:00:01"));
        List<RunResult> next = runner.fired("orders", at(D2, "02:00:00"));

        assertThat(statuses(next)).containsExactly(D1 + " published", D2 + " published");
        assertThat(Orders.count()).isEqualTo(6);
    }

    @Test
    void withoutCatchupOnlyTheLatestMissedDateRuns() throws Exception {
        service.close();
        service = TestApp.start(home, clock, "orders", TestApp.pipeline("orders", "schedule", "0 0 2 * * ?",
                "catchup", "false", "source", landing.pattern()));
        runner = service.app().runner();
        landing.write(D0);
        landing.write(D1);
        landing.write(D2);
        runner.fired("orders", at(D0, "02:00:00"));

        clock.set(at(D2, "09:30:00"));

        assertThat(statuses(runner.catchUp("orders"))).containsExactly(D2 + " published");
    }

    @Test
    void aScheduledPipelineWithoutSourceReadsItsInboxAtEachFireOnly() throws Exception {
        service.close();
        service = TestApp.start(home, clock, "orders", TestApp.pipeline("orders", "schedule", "0 0 2 * * ?"));
        runner = service.app().runner();
        clock.set(Instant.now().plusSeconds(5)); // the dropped file has been stable for longer than stable-ms
        service.drop("orders", landing.write(D0), "a.csv");
        service.drop("orders", landing.write(D1), "b.csv");

        assertThat(runner.pendingFiles("orders")).as("no consumer between fires").hasSize(2);
        List<RunResult> fire = runner.fired("orders", at(D1, "02:00:00"));
        List<RunResult> empty = runner.fired("orders", at(D2, "02:00:00"));

        assertThat(fire).extracting(r -> r.outcome().file() + " " + r.outcome().status().dbValue())
                .containsExactly("a.csv published", "b.csv published");
        assertThat(statuses(empty)).containsExactly(D2 + " no-input");
        assertThat(TestApp.filesUnder(service.inbox("orders"))).allMatch(name -> name.startsWith(".done/"));
    }

    @Test
    void aBackfillRunsEachDateInOrderAndRepeatingItWritesNothing() throws Exception {
        landing.write(D0);
        landing.write(D1);
        landing.write(D2);

        List<RunResult> first = runner.backfill("orders", D0, D2, Trigger.JMX);
        List<List<String>> versions = Orders.versions();
        TestDatabase.flushStats(service.app().dataSource());
        long[] before = TestDatabase.writes("public.orders");
        List<RunResult> second = runner.backfill("orders", D0, D2, Trigger.JMX);
        TestDatabase.flushStats(service.app().dataSource());

        assertThat(statuses(first)).containsExactly(D0 + " published", D1 + " published", D2 + " published");
        assertThat(statuses(second)).containsExactly(D0 + " skipped", D1 + " skipped", D2 + " skipped");
        assertThat(TestDatabase.writes("public.orders")).as("inserted, updated, deleted").isEqualTo(before);
        assertThat(Orders.versions()).isEqualTo(versions);
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.run WHERE pipeline = 'orders'"
                + " AND trigger = 'jmx'")).isEqualTo(6);
    }

    @Test
    void aTriggerAndAFireForTheSameDateAtOnceMakeOnePublish() throws Exception {
        landing.write(D0);
        clock.set(at(D0, "02:00:01"));
        List<List<RunResult>> results = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        Thread fire = new Thread(() -> {
            await(go);
            results.add(runner.fired("orders", at(D0, "02:00:00")));
        });
        Thread trigger = new Thread(() -> {
            await(go);
            results.add(runner.run("orders", D0, Trigger.JMX));
        });
        fire.start();
        trigger.start();
        go.countDown();
        fire.join(60_000);
        trigger.join(60_000);

        assertThat(results).hasSize(2);
        assertThat(results.stream().flatMap(List::stream).map(r -> r.outcome().status()))
                .containsExactlyInAnyOrder(RunStatus.PUBLISHED, RunStatus.SKIPPED);
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.run WHERE pipeline = 'orders'"
                + " AND status = 'published'")).isEqualTo(1);
        assertThat(Orders.count()).isEqualTo(2);
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
