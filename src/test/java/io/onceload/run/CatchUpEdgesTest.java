package io.onceload.run;

import static io.onceload.testing.LandingFiles.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Late fires, files that stay bad, and what a reprocess may read. */
class CatchUpEdgesTest {

    private static final LocalDate D0 = LocalDate.of(2026, 11, 20);
    private static final LocalDate D1 = D0.plusDays(1);
    private static final LocalDate D2 = D0.plusDays(2);

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(at(D0, "02:00:01"));
    private LandingFiles landing;
    private TestApp service;
    private PipelineRunner runner;

    @BeforeEach
    void start() throws Exception {
        Orders.reset();
        landing = new LandingFiles(home.resolve("landing"));
        service = TestApp.start(home, clock, "orders", TestApp.pipeline("orders", "schedule", "0 0 2 * * ?",
                "source", landing.pattern()));
        runner = service.app().runner();
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    private static List<String> statuses(List<RunResult> results) {
        return results.stream().map(r -> r.logicalDate() + " " + r.outcome().status().dbValue()).toList();
    }

    @Test
    void aLateFireRunsOnlyDatesTheScheduleHas() throws Exception {
        landing.write(D0);
        landing.write(D1);
        landing.write(D2);
        runner.fired("orders", at(D0, "02:00:00"));

        clock.set(at(D2, "00:30:00")); // Quartz fires D1's trigger late, after midnight, with "now" as its time
        List<RunResult> late = runner.fired("orders", at(D2, "00:30:00"));

        assertThat(statuses(late)).as("D1 is caught up; D2 has not fired yet").containsExactly(D1 + " published");
    }

    @Test
    void aDateThatFailedIsRetriedOnlyOnceItsFileChanged() throws Exception {
        failD1();

        clock.set(at(D2, "02:00:01"));
        landing.write(D2);
        assertThat(statuses(runner.fired("orders", at(D2, "02:00:00")))).as("the same bad file is not read again")
                .containsExactly(D2 + " published");

        landing.write(D1);
        assertThat(statuses(runner.catchUp("orders"))).as("a corrected file is").containsExactly(D1 + " published");
    }

    @Test
    void aFailedDateIsRetriedOnceAfterAnyInstanceStarted() throws Exception {
        failD1();
        assertThat(statuses(runner.catchUp("orders"))).as("no instance started since the failure").isEmpty();

        // another instance of the cluster starts (perhaps with corrected settings) after the failure
        TestDatabase.execute("INSERT INTO onceload.instance (name, started_at, heartbeat_at)"
                + " VALUES ('restarted-elsewhere', now(), now())");
        try {
            assertThat(statuses(runner.catchUp("orders"))).as("tried once more").containsExactly(D1 + " failed");
            assertThat(statuses(runner.catchUp("orders"))).as("and only once for the cluster").isEmpty();
        } finally {
            TestDatabase.execute("DELETE FROM onceload.instance WHERE name = 'restarted-elsewhere'");
        }
    }

    /** D0 published, then D1's file has a bad value: D1 failed. */
    private void failD1() throws Exception {
        landing.write(D0);
        runner.fired("orders", at(D0, "02:00:00"));
        landing.write(D1, "1,not-a-number,2026-11-21,paid,1.00,EUR,2026-11-21T00:00:00Z\n");
        clock.set(at(D1, "02:00:01"));
        assertThat(statuses(runner.fired("orders", at(D1, "02:00:00")))).containsExactly(D1 + " failed");
    }

    @Test
    void reprocessReadsOnlyThePipelinesOwnFiles() throws Exception {
        Path elsewhere = Files.copy(Path.of("examples/orders.csv"), home.resolve("elsewhere.csv"));

        assertThatThrownBy(() -> runner.reprocess("orders", elsewhere, Trigger.JMX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not in the pipeline's inbox");
        assertThatThrownBy(() -> runner.reprocess("orders", service.inbox("orders").resolve(".done"), Trigger.JMX))
                .isInstanceOf(IllegalArgumentException.class);
        Path inbox = Files.createDirectories(service.inbox("orders"));
        Files.createSymbolicLink(inbox.resolve("linked"), home);
        assertThatThrownBy(() -> runner.reprocess("orders", inbox.resolve("linked/elsewhere.csv"), Trigger.JMX))
                .as("a folder linked out of the inbox").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not in the pipeline's inbox");
        Path rejected = Files.copy(elsewhere, Files.createDirectories(inbox.resolve(".rejected")).resolve("r.csv"));
        assertThatThrownBy(() -> runner.reprocess("orders", rejected, Trigger.JMX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not in the pipeline's inbox");
        assertThat(Orders.count()).isZero();
    }
}
