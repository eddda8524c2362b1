package io.onceload.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A load whose database session dies is retried with backoff; the file waits in the inbox meanwhile. */
class TransientRetryTest {

    private static final String WAITING_LOADER = "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)"
            + " WHERE l.locktype = 'advisory' AND NOT l.granted AND a.application_name = 'onceload'";

    @TempDir
    Path home;

    @Test
    void aKilledSessionIsRetriedAndTheFileIsPublishedOnce() throws Exception {
        Orders.reset();
        // a poll only once a minute: within the test's deadlines only the retry policy can load the file again
        Path dropped = Files.copy(Path.of("examples/orders.csv"),
                Files.createDirectories(home.resolve("inbox/orders")).resolve("orders.csv"));
        try (Connection blocker = TestDatabase.dataSource().getConnection();
             Statement st = blocker.createStatement()) {
            // hold the publish lock of public.orders so the loader stops, visibly, just before it publishes
            st.execute("SELECT pg_advisory_lock(hashtextextended('onceload:publish:\"public\".\"orders\"', 0))");
            TestApp service = TestApp.start(home, "orders", TestApp.pipeline("orders", "poll-ms", "60000"));
            TestApp.await("the loader to wait for the lock", Duration.ofSeconds(30),
                    () -> TestDatabase.count(WAITING_LOADER) == 1);

            TestDatabase.execute("SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_stat_activity a"
                    + " USING (pid) WHERE l.locktype = 'advisory' AND NOT l.granted AND a.application_name = 'onceload'");
            TestApp.await("the retry to wait for the lock again", Duration.ofSeconds(30),
                    () -> TestDatabase.count(WAITING_LOADER) == 1);
            assertThat(io.onceload.testing.Idle.inInbox(dropped)).as("file stays in the inbox while retrying").isTrue();
            assertThat(Orders.count()).isZero();

            st.execute("SELECT pg_advisory_unlock_all()");
            TestApp.await("the file to be archived", Duration.ofSeconds(30), () -> !io.onceload.testing.Idle.inInbox(dropped));
            service.close();
        }
        assertThat(Orders.count()).isEqualTo(100);
        assertThat(TestDatabase.rows("SELECT status, inserted FROM onceload.run"))
                .containsExactly(java.util.List.of("published", "100"));
        java.util.List<java.util.List<String>> afterFault = Orders.snapshot();
        Orders.reset();
        new io.onceload.testing.Loads(home, "name", "orders")
                .load("clean.csv", Files.readString(Path.of("examples/orders.csv")));
        assertThat(afterFault).as("the table equals a clean single run, row by row").isEqualTo(Orders.snapshot());
    }
}
