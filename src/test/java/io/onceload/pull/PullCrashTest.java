package io.onceload.pull;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.load.Failpoint;
import io.onceload.testing.Cli;
import io.onceload.testing.Orders;
import io.onceload.testing.ServiceProcess;
import io.onceload.testing.SourceDatabase;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} while a pull streams its result, or just before its commit: the restart equals a clean run. */
class PullCrashTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"mid-pull", "before-commit"})
    void aKilledPullLeavesTargetAndWatermarkAsACleanRunAfterRestart(String failpoint) throws Exception {
        Orders.reset();
        SourceDatabase.reset();
        SourceDatabase.execute("INSERT INTO src_orders SELECT i, i % 7, date '2026-11-01' + i % 20, 'paid',"
                + " i * 1.5, 'EUR', timestamptz '2026-11-01 00:00:00+00' + i * interval '1 minute'"
                + " FROM generate_series(1, 5000) i");
        Files.createDirectories(home.resolve("routes"));
        Files.writeString(home.resolve("routes/pulled.camel.yaml"), TestApp.pipeline("pulled", "table", "orders",
                "source-db-url", SourceDatabase.url(), "source-db-user", "postgres", "watermark-column", "updated_at",
                "source-query", "SELECT " + PullTest.COLUMNS + " FROM src_orders WHERE updated_at >="
                        + " coalesce(:watermark::timestamptz, '-infinity') ORDER BY order_id"));

        Process crashing = ServiceProcess.start(home, "crash.log", "-D" + Failpoint.PROPERTY + "=" + failpoint);
        awaitStarted("crash.log");
        Cli.run(home, "trigger", "pulled");
        assertThat(crashing.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(crashing.exitValue()).isEqualTo(Failpoint.EXIT_STATUS);
        assertThat(Orders.count()).as("nothing of the killed pull").isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.watermark WHERE pipeline = 'pulled'")).isZero();

        Process service = ServiceProcess.start(home, "service.log");
        try {
            awaitStarted("service.log");
            assertThat(Cli.run(home, "trigger", "pulled").out()).contains("published");
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Orders.snapshot()).isEqualTo(SourceDatabase.rows("SELECT " + PullTest.COLUMNS
                + " FROM src_orders ORDER BY order_id"));
        assertThat(TestDatabase.scalar("SELECT value FROM onceload.watermark WHERE pipeline = 'pulled'"))
                .isEqualTo(SourceDatabase.rows("SELECT max(updated_at) FROM src_orders").get(0).get(0));
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.run WHERE status = 'published'")).isEqualTo(1);
    }

    private void awaitStarted(String log) throws InterruptedException {
        TestApp.await(log + " to start", Duration.ofSeconds(60), () -> {
            try {
                return Files.exists(home.resolve(log)) && Files.readString(home.resolve(log)).contains("JMX on");
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }
}
