package io.onceload.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceload.ledger.Instance;
import io.onceload.ledger.Trigger;
import io.onceload.testing.Cli;
import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run at a time per pipeline across services: the lock lives in the database, and runs name their instance. */
class RunLockTest {

    @TempDir
    Path home;

    @Test
    void aTriggerWaitsForARunHeldByAnotherInstanceAndRecordsWhichInstanceRanIt() throws Exception {
        Orders.reset();
        Cli.configure(home);
        try (TestApp service = TestApp.start(home, "orders", TestApp.pipeline("orders"));
             Connection otherInstance = TestDatabase.dataSource().getConnection()) {
            // another service's run of the same pipeline, as its session lock shows it
            try (PreparedStatement lock = otherInstance.prepareStatement(
                    "SELECT pg_advisory_lock(hashtextextended('onceload:pipeline:orders', 0))")) {
                lock.execute();
            }
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            CompletableFuture<List<RunResult>> trigger = CompletableFuture.supplyAsync(() ->
                    service.app().runner().run("orders", today, Trigger.JMX));
            // the waiting trigger polls the lock (holding no connection meanwhile): for several polls it must not run
            assertThatThrownBy(() -> trigger.get(3, java.util.concurrent.TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(service.app().runner().running()).isEmpty();
            assertThat(TestDatabase.count("SELECT count(*) FROM onceload.run")).isZero();
            try (PreparedStatement unlock = otherInstance.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                unlock.execute();
            }
            assertThat(trigger.get()).extracting(r -> r.outcome().status().dbValue()).containsExactly("no-input");

            assertThat(TestDatabase.rows("SELECT instance FROM onceload.run"))
                    .containsExactly(List.of(Instance.name()));
            assertThat(Instance.name()).matches(".+:\\d+");
            assertThat(Cli.run(home, "runs", "--json").out()).contains("\"instance\":\"" + Instance.name() + "\"");

            // a beat after the run: it names this instance running nothing (other tests' services may beat too)
            TestApp.await("the instance's heartbeat after the run", Duration.ofSeconds(30), () -> TestDatabase.count(
                    "SELECT count(*) FROM onceload.instance WHERE name = '" + Instance.name() + "' AND running = '{}'"
                            + " AND heartbeat_at > now() - interval '30 seconds'") == 1);
            assertThat(Cli.run(home, "status").out()).contains("instances (heartbeat in the last 30 s):",
                    "  " + Instance.name() + "  since ", "running: nothing");
        }
    }

    @Test
    void aStartDoesNotWaitForAnotherInstancesRunAndItsClaimsWaitForThePipelinesNextRun() throws Exception {
        Orders.reset();
        // a file a killed process had claimed (pid 999999 runs nothing here)
        Path claimed = java.nio.file.Files.createDirectories(home.resolve("inbox/orders/.claimed/999999.1-1"))
                .resolve("left.csv");
        java.nio.file.Files.copy(Path.of("examples/orders.csv"), claimed);
        try (Connection otherInstance = TestDatabase.dataSource().getConnection()) {
            try (PreparedStatement lock = otherInstance.prepareStatement(
                    "SELECT pg_advisory_lock(hashtextextended('onceload:pipeline:orders', 0))")) {
                lock.execute();
            }
            CompletableFuture<TestApp> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return TestApp.start(home, "orders", TestApp.pipeline("orders"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (TestApp service = starting.get(60, java.util.concurrent.TimeUnit.SECONDS)) {
                assertThat(claimed).as("left for the pipeline's next run").exists();
                try (PreparedStatement unlock = otherInstance.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                    unlock.execute();
                }
                service.app().runner().run("orders", LocalDate.now(ZoneOffset.UTC), Trigger.JMX);
                assertThat(claimed).doesNotExist();
                assertThat(Orders.count()).isEqualTo(100);
                assertThat(TestApp.filesUnder(service.inbox("orders"))).containsExactly(
                        ".done/" + LocalDate.now(ZoneOffset.UTC) + "/left.csv");
            }
        }
    }

    @Test
    void lockSessionsTellTheServerToDropADeadHostWithin25Seconds() throws Exception {
        try (Connection session = TestDatabase.dataSource().getConnection()) {
            List<String> settings = List.of("tcp_keepalives_idle", "tcp_keepalives_interval", "tcp_keepalives_count");
            List<String> values = new java.util.ArrayList<>();
            for (String setting : settings) {
                try (var rs = session.createStatement().executeQuery("SHOW " + setting)) {
                    rs.next();
                    values.add(rs.getString(1));
                }
            }
            assertThat(values).as("idle, interval, probes: 10 + 3 x 5 = 25 s").containsExactly("10", "5", "3");
        }
    }
}
