package io.onceload.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.bench.OrdersGenerator;
import io.onceload.database.DatabaseSettings;
import io.onceload.health.DatabaseHealth;
import io.onceload.service.OnceloadApp;
import io.onceload.testing.TestApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops in the middle of a load and comes back: the service retries with backoff on its own and
 * publishes the file once, within 60 s of the database returning.
 */
class DatabaseOutageTest {

    private static final long ROWS = 300_000;

    @TempDir
    Path home;

    @Test
    void aLoadCutOffByAStoppedDatabaseCompletesOnceItIsBack() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "outage-postgres-");
        EmbeddedPostgres postgres = start(dir, 0);
        int port = postgres.getPort();
        Path file = OrdersGenerator.generate(home.resolve("gen"), ROWS)[0];
        new TestApp.Routes(home).write("orders", TestApp.pipeline("orders", "notify", "log", "notify-on",
                "database-down,database-up,published"));
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", null);
        try (OnceloadApp app = OnceloadApp.start(new OnceloadApp.Options(settings, home.resolve("data"),
                Path.of("migrations"), home.resolve("routes"), home.resolve("inbox"), true))) {
            Path dropped = new TestApp.Routes(home).drop("orders", file, "orders.csv");
            TestApp.await("the COPY to run", Duration.ofSeconds(60), () -> copying(port));

            postgres.close();
            TestApp.await("the service to see the database gone", Duration.ofSeconds(30), () -> !healthy());
            postgres = start(dir, port);
            Instant back = Instant.now();

            TestApp.await("the file to be archived", Duration.ofSeconds(120), () -> !io.onceload.testing.Idle.inInbox(dropped));
            Duration took = Duration.between(back, Instant.now());

            assertThat(took).as("completed after the database returned").isLessThan(Duration.ofSeconds(60));
            assertThat(query(port, "SELECT count(*) FROM public.orders")).isEqualTo(Long.toString(ROWS));
            assertThat(query(port, "SELECT count(*) FROM onceload.file_ledger")).isEqualTo("1");
            assertThat(query(port, "SELECT string_agg(status, ',') FROM onceload.run")).isEqualTo("published");
            assertThat(TestApp.filesUnder(home.resolve("inbox/orders"))).singleElement().asString()
                    .startsWith(".done/");
            // the outage is told once it is over (the outbox lives in the database), once, beside the publish
            TestApp.await("the notifications sent", Duration.ofSeconds(30), () -> query(port,
                    "SELECT count(*) FROM onceload.outbox WHERE status = 'sent'").equals("3"));
            assertThat(query(port, "SELECT string_agg(event, ',' ORDER BY event) FROM onceload.outbox"))
                    .isEqualTo("database-down,database-up,published");
        } finally {
            postgres.close();
        }
    }

    private static EmbeddedPostgres start(Path dir, int port) throws Exception {
        // the same data directory and port: the second start is the same server coming back
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dir)
                .setCleanDataDirectory(false);
        return (port == 0 ? builder : builder.setPort(port)).start();
    }

    private static boolean healthy() {
        try {
            return (Boolean) ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new ObjectName(DatabaseHealth.DEFAULT_OBJECT_NAME), "Healthy");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean copying(int port) {
        return !query(port, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'onceload'"
                + " AND query ILIKE 'COPY%' AND state = 'active'").equals("0");
    }

    private static String query(int port, String sql) {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                + "/postgres", "postgres", null); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
