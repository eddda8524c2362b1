package io.onceload.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.load.Failpoint;
import io.onceload.testing.Orders;
import io.onceload.testing.ServiceProcess;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The service JVM halts (like kill -9) at a named point of a load; after a restart the table equals a clean
 * single run, the ledger row exists iff the rows are published, and the file is in exactly one place.
 */
class CrashSafetyTest {

    private static final Path ORDERS = Path.of("examples/orders.csv");

    @TempDir
    Path home;

    @BeforeEach
    void reset() {
        Orders.reset();
    }

    private static final List<String> FAILPOINTS = List.of("after-checksum", "mid-staging", "after-staging",
            "before-commit", "after-commit", "after-move");

    /** Every failpoint three times: a crash that only sometimes breaks a guarantee must not pass by luck. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> failpoints() {
        return java.util.stream.IntStream.rangeClosed(1, 3).boxed().flatMap(round -> FAILPOINTS.stream()
                .map(point -> org.junit.jupiter.params.provider.Arguments.of(point, round)));
    }

    @ParameterizedTest(name = "{0} #{1}")
    @org.junit.jupiter.params.provider.MethodSource("failpoints")
    void aCrashAnywhereLeavesTheTablesAsOneCleanRun(String failpoint, int round) throws Exception {
        String pipeline = TestApp.pipeline("orders", "batch-size", "10");
        try (TestApp setup = TestApp.start(home, "orders", pipeline)) {
            // only to write the routes; the crashing service is a separate JVM
        }
        Path dropped = Files.copy(ORDERS, Files.createDirectories(home.resolve("inbox/orders")).resolve("orders.csv"));

        Process service = startServiceJvm(failpoint);
        assertThat(service.waitFor(90, TimeUnit.SECONDS)).as("service halted at " + failpoint).isTrue();
        assertThat(service.exitValue()).as("exit status of the halted JVM").isEqualTo(Failpoint.EXIT_STATUS);

        boolean committed = failpoint.startsWith("after-commit") || failpoint.equals("after-move");
        boolean moved = failpoint.equals("after-move");
        assertThat(io.onceload.testing.Idle.inInbox(dropped)).as("file still in the inbox after the crash").isEqualTo(!moved);
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger")).isEqualTo(committed ? 1 : 0);
        assertThat(Orders.count()).isEqualTo(committed ? 100 : 0);

        try (TestApp restarted = TestApp.start(home, "orders", pipeline)) {
            TestApp.await("the file to be archived", java.time.Duration.ofSeconds(60), () -> !io.onceload.testing.Idle.inInbox(dropped));
        }
        assertThat(Orders.count()).isEqualTo(100);
        assertThat(Orders.sum()).isEqualTo("139138.88");
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger")).isEqualTo(1);
        // committed but not moved: the restart finds the checksum in the ledger and only archives the file
        List<List<String>> expectedRuns = committed && !moved
                ? List.of(List.of("published"), List.of("skipped")) : List.of(List.of("published"));
        assertThat(TestDatabase.rows("SELECT status FROM onceload.run ORDER BY started_at")).isEqualTo(expectedRuns);
        assertThat(TestApp.filesUnder(home.resolve("inbox/orders")))
                .containsExactly(".done/" + LocalDate.now(ZoneOffset.UTC) + "/orders.csv");
    }

    @Test
    void aCrashBeforeCommitLeavesTheWatermarkAndTheRetryLoadsTheRowsOnce() throws Exception {
        String pipeline = TestApp.pipeline("orders", "watermark-column", "updated_at");
        String early = "order_id,customer_id,order_date,status,total_amount,currency,updated_at\n"
                + "1,1,2026-10-01,paid,1.00,EUR,2026-10-01T10:00:00Z\n2,1,2026-10-01,paid,2.00,EUR,2026-10-02T10:00:00Z\n";
        try (TestApp first = TestApp.start(home, "orders", pipeline)) {
            first.dropAndAwait("orders", early, "early.csv");
        }
        String watermark = watermark();
        assertThat(TestDatabase.scalar("SELECT '" + watermark + "'::timestamptz = '2026-10-02T10:00:00Z'")).isEqualTo("t");
        Path dropped = Files.copy(ORDERS, home.resolve("inbox/orders/orders.csv"));

        Process service = startServiceJvm("before-commit");
        assertThat(service.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(service.exitValue()).isEqualTo(Failpoint.EXIT_STATUS);
        assertThat(watermark()).as("watermark after the crash").isEqualTo(watermark);
        assertThat(Orders.count()).isEqualTo(2);

        try (TestApp restarted = TestApp.start(home, "orders", pipeline)) {
            TestApp.await("the file to be archived", java.time.Duration.ofSeconds(60), () -> !io.onceload.testing.Idle.inInbox(dropped));
        }
        assertThat(Orders.count()).isEqualTo(102);
        assertThat(TestDatabase.scalar("SELECT '" + watermark() + "'::timestamptz = max(updated_at) FROM orders"))
                .isEqualTo("t");
        assertThat(TestDatabase.rows("SELECT status, inserted FROM onceload.run WHERE file_name = 'orders.csv'"))
                .containsExactly(List.of("published", "100"));
    }

    private static String watermark() {
        return TestDatabase.scalar("SELECT value FROM onceload.watermark WHERE pipeline = 'orders'");
    }

    private Process startServiceJvm(String failpoint) throws Exception {
        return ServiceProcess.start(home, "service-" + failpoint + ".log", "-D" + Failpoint.PROPERTY + "=" + failpoint);
    }
}
