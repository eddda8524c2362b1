package io.onceload.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.load.Failpoint;
import io.onceload.testing.Idle;
import io.onceload.testing.Orders;
import io.onceload.testing.ServiceProcess;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The service JVM halts (like kill -9) just before or just after a task commits; after a restart both tables equal
 * a clean single run and every task the load owed has succeeded exactly once.
 */
class TaskCrashTest {

    private static final String EXPECTED = "SELECT order_date::text, currency, count(*)::text,"
            + " sum(total_amount)::text FROM orders WHERE status <> 'cancelled' GROUP BY 1, 2 ORDER BY 1, 2";
    private static final String DERIVED = "SELECT order_date::text, currency, orders::text, revenue::text"
            + " FROM daily_revenue ORDER BY 1, 2";

    @TempDir
    Path home;

    @BeforeEach
    void reset() {
        Orders.reset();
    }

    /** Each point three times: a crash that only sometimes breaks a guarantee must not pass by luck. */
    static Stream<Arguments> failpoints() {
        return IntStream.rangeClosed(1, 3).boxed().flatMap(round -> Stream.of("before-task-commit",
                "after-task-commit").map(point -> Arguments.of(point, round)));
    }

    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("failpoints")
    void aCrashAroundATaskCommitLeavesTheDateToBeCompletedOnce(String failpoint, int round) throws Exception {
        Files.createDirectories(home.resolve("sql"));
        for (String sql : List.of("daily_revenue.sql", "daily_revenue_check.sql")) {
            Files.copy(Path.of("sql", sql), home.resolve("sql").resolve(sql));
        }
        String[] routes = {"orders", TestApp.pipeline("orders"), "orders-tasks",
            Files.readString(Path.of("routes/orders-tasks.camel.yaml"))};
        try (TestApp setup = TestApp.start(home, routes)) {
            // only to write the routes; the crashing service is a separate JVM
        }
        Path dropped = Files.copy(Path.of("examples/orders.csv"),
                Files.createDirectories(home.resolve("inbox/orders")).resolve("orders.csv"));

        Process service = ServiceProcess.start(home, "service-" + failpoint + ".log",
                "-D" + Failpoint.PROPERTY + "=" + failpoint);
        assertThat(service.waitFor(90, TimeUnit.SECONDS)).as("service halted at " + failpoint).isTrue();
        assertThat(service.exitValue()).isEqualTo(Failpoint.EXIT_STATUS);
        boolean committed = failpoint.equals("after-task-commit");
        assertThat(Orders.count()).as("the load committed before its tasks").isEqualTo(100);
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.run_owes")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM daily_revenue")).isEqualTo(committed ? 47 : 0);
        assertThat(TestDatabase.rows("SELECT task, status FROM onceload.task_run")).isEqualTo(committed
                ? List.of(List.of("daily_revenue", "succeeded")) : List.of());

        try (TestApp restarted = TestApp.start(home, routes)) {
            Idle.await(home.resolve("inbox/orders"), java.time.Duration.ofSeconds(60), () -> "");
        }
        assertThat(Idle.inInbox(dropped)).isFalse();
        assertThat(TestDatabase.rows(DERIVED)).isEqualTo(TestDatabase.rows(EXPECTED));
        assertThat(TestDatabase.rows("SELECT task, status, attempt::text FROM onceload.task_run ORDER BY task"))
                .containsExactly(List.of("daily_revenue", "succeeded", "1"),
                        List.of("daily_revenue_check", "succeeded", "1"));
        assertThat(TestDatabase.rows("SELECT status FROM onceload.run")).containsExactly(List.of("published"));
    }
}
