package io.onceload.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.jmx.ServiceClient;
import io.onceload.testing.Cli;
import io.onceload.testing.Orders;
import io.onceload.testing.ServiceProcess;
import io.onceload.testing.SourceDatabase;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canary database password and webhook token, used by a real service through good files, bad files, failed
 * notifications and JMX, never appear in its log, error reports, rejects, run records, the outbox, CLI output or any
 * JMX attribute.
 */
class SecretsCanaryTest {

    private static final String CANARY = "Canary-pw-7f3a9c";

    @TempDir
    Path home;

    @Test
    void theDatabasePasswordAppearsNowhere() throws Exception {
        Orders.reset();
        var db = TestDatabase.settings();
        Files.writeString(home.resolve("onceload.properties"), "ONCELOAD_DB_URL=" + db.url()
                + "\nONCELOAD_DB_USER=" + db.user() + "\nONCELOAD_DB_PASSWORD=" + CANARY + "\n");
        Files.createDirectories(home.resolve("routes"));
        // a webhook (user info and query string) and a mail server (password) that carry the canary too; port 1
        // refuses, so every send fails and its error is stored
        Files.writeString(home.resolve("routes/orders.camel.yaml"), TestApp.pipeline("orders", "max-rejects", "1",
                "notify", "http://hook:" + CANARY + "@127.0.0.1:1/hook?token=" + CANARY + ",smtp://ops:" + CANARY
                        + "@127.0.0.1:1", "notify-mail-to", "ops@example.org", "notify-on", "published,failed",
                "notify-attempts", "2", "notify-backoff-ms", "10"));
        // a pipeline pulling from a database, the canary as its password and in its URL; its query fails
        Files.writeString(home.resolve("routes/pulled.camel.yaml"), TestApp.pipeline("pulled", "table", "orders",
                "source-db-url", SourceDatabase.url() + "?password=" + CANARY, "source-db-user", "postgres",
                "source-db-password", CANARY, "source-query", "SELECT nope"));
        TestDatabase.execute("DELETE FROM onceload.outbox");
        Process service = ServiceProcess.start(home, "service.log");
        List<String> seen = new ArrayList<>();
        try {
            TestApp.await("the service to start", Duration.ofSeconds(60), () -> read(home.resolve("service.log"))
                    .contains("JMX on"));
            TestApp.Routes inbox = new TestApp.Routes(home);
            inbox.drop("orders", Path.of("examples/orders.csv"), "good.csv");
            Path bad = Files.writeString(home.resolve("bad.csv"), "order_id,nope\n1,2\n");
            inbox.drop("orders", bad, "bad.csv");
            Path rejects = Files.writeString(home.resolve("rejects.csv"), "order_id,customer_id,order_date,status,"
                    + "total_amount,currency,updated_at\n9001,x,2026-01-01,paid,1.00,EUR,2026-01-01T00:00:00Z\n");
            inbox.drop("orders", rejects, "rejects.csv");
            TestApp.await("three files archived", Duration.ofSeconds(60), () -> TestApp.filesUnder(
                    home.resolve("inbox/orders")).stream()
                    .filter(n -> n.matches("\\.(done/[^/]+|failed)/(good|bad|rejects)\\.csv")).count() == 3);

            TestApp.await("the notifications to be given up", Duration.ofSeconds(60), () -> TestDatabase.count(
                    "SELECT count(*) FROM onceload.outbox WHERE status = 'dead'") == 6);
            seen.add(Cli.run(home, "notifications", "--json").out());
            seen.add(TestDatabase.rows("SELECT * FROM onceload.outbox").toString());
            String status = Cli.run(home, "status").out();
            assertThat(status).contains("notifications: 0 pending, 6 dead (see ./onceload notifications)");
            seen.add(status);
            seen.add(Cli.run(home, "trigger", "orders", "--date", "not-a-date").err());
            Cli pull = Cli.run(home, "trigger", "pulled");
            assertThat(pull.out()).contains("source query failed");
            seen.add(pull.out() + pull.err());
            seen.add(Cli.run(home, "runs", "--json", "--limit", "100").out());
            seen.add(jmxAttributes());
        } finally {
            service.destroy();
            service.waitFor();
        }
        seen.add(read(home.resolve("service.log")));
        try (Stream<Path> files = Files.walk(home.resolve("inbox"))) {
            files.filter(Files::isRegularFile).forEach(f -> seen.add(read(f)));
        }
        seen.add(TestDatabase.rows("SELECT * FROM onceload.run").toString());

        assertThat(String.join("\n", seen)).as("everything a user or operator can see")
                .contains("published", "failed", "rejected", "127.0.0.1:1/…#").doesNotContain(CANARY);
    }

    /** Every readable attribute of onceload's and Camel's MBeans in the service. */
    private String jmxAttributes() throws Exception {
        StringBuilder all = new StringBuilder();
        try (ServiceClient client = ServiceClient.connect(home.resolve("data"))) {
            MBeanServerConnection connection = client.connection();
            for (String domain : List.of("onceload:*", "org.apache.camel:*")) {
                for (ObjectName name : connection.queryNames(new ObjectName(domain), null)) {
                    for (MBeanAttributeInfo attribute : connection.getMBeanInfo(name).getAttributes()) {
                        try {
                            all.append(name).append(' ').append(connection.getAttribute(name, attribute.getName()))
                                    .append('\n');
                        } catch (Exception e) {
                            all.append(name).append(' ').append(e).append('\n'); // unreadable ones count too
                        }
                    }
                }
            }
        }
        assertThat(all).as("JMX was read").contains("onceload:type=Pipeline,name=orders");
        return all.toString();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8)
                    : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
