package io.onceload.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.Orders;
import io.onceload.testing.ServiceProcess;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import io.onceload.testing.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three service processes on one inbox and one database, one of them killed while files arrive: every file is
 * published once and archived once.
 */
class ThreeServicesTest {

    private static final int FILES = 100;
    private static final int ROWS = 10;

    @TempDir
    Path home;

    private final List<Process> services = new java.util.ArrayList<>();
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        Orders.reset();
        TestDatabase.execute("DELETE FROM onceload.outbox");
        receiver = new WebhookReceiver();
        Files.createDirectories(home.resolve("routes"));
        // both services dispatch the one outbox: each notification must still reach the receiver once
        Files.writeString(home.resolve("routes/orders.camel.yaml"), TestApp.pipeline("orders", "notify",
                receiver.url(""), "notify-on", "published"));
        Files.createDirectories(home.resolve("inbox/orders"));
        for (String name : List.of("a", "b", "c")) {
            services.add(ServiceProcess.start(home, home.resolve("data-" + name), name + ".log"));
        }
        for (String log : List.of("a.log", "b.log", "c.log")) {
            TestApp.await(log + " to be started", Duration.ofSeconds(60), () -> read(log).contains("JMX on"));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Process service : services) {
            service.destroy();
        }
        for (Process service : services) {
            if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        receiver.close();
    }

    @Test
    void aHundredFilesArePublishedOnceAndArchivedOnceThoughOneServiceIsKilled() throws Exception {
        for (int f = 0; f < FILES; f++) {
            if (f == FILES / 3) {
                String first = java.net.InetAddress.getLocalHost().getHostName() + ":" + services.get(0).pid();
                TestApp.await("the first service to load a file", Duration.ofSeconds(60), () -> TestDatabase.count(
                        "SELECT count(*) FROM onceload.run WHERE instance = '" + first + "'") > 0);
                // like kill -9, while files are being loaded: its claims and its outbox rows are the others' now
                services.get(0).destroyForcibly().waitFor();
            }
            StringBuilder csv = new StringBuilder("order_id,customer_id,order_date,status,total_amount,currency,"
                    + "updated_at\n");
            for (int r = 0; r < ROWS; r++) {
                csv.append(f * ROWS + r).append(",1,2026-11-01,paid,1.00,EUR,2026-11-01T00:00:00Z\n");
            }
            Path temp = home.resolve("inbox/orders/.f" + f + ".part");
            Files.writeString(temp, csv);
            Files.move(temp, home.resolve("inbox/orders/f" + String.format("%03d", f) + ".csv"));
        }

        TestApp.await("every file archived", Duration.ofSeconds(180), () -> archived().size() == FILES
                && TestDatabase.count("SELECT count(*) FROM onceload.run WHERE status = 'published'") == FILES);

        assertThat(archived()).as("each file once, under its own name")
                .allMatch(name -> name.matches("\\.done/[0-9-]+/f[0-9]{3}\\.csv")).doesNotHaveDuplicates();
        assertThat(TestApp.filesUnder(home.resolve("inbox/orders"))).as("nothing else left in the inbox")
                .allMatch(name -> name.startsWith(".done/"));
        assertThat(Orders.count()).isEqualTo((long) FILES * ROWS);
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger")).isEqualTo(FILES);
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.run WHERE status NOT IN"
                + " ('published', 'skipped')")).isZero();
        TestApp.await("every notification sent", Duration.ofSeconds(60), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.outbox WHERE status = 'sent'") == FILES);
        // a notification the killed service sent but had not marked is sent again, under the same key
        assertThat(receiver.received().stream().map(WebhookReceiver.Received::key).distinct()).hasSize(FILES);
        assertThat(problems("b.log")).isEmpty();
        assertThat(problems("c.log")).isEmpty();
        assertThat(TestDatabase.count("SELECT count(DISTINCT instance) FROM onceload.run")).as("all took part")
                .isEqualTo(3);
        // which service loads which file is left to timing: all contend for the oldest file (name order holds
        // across instances), and Camel's lock marker lets exactly one of them take it
    }

    private List<String> archived() {
        return TestApp.filesUnder(home.resolve("inbox/orders")).stream().filter(n -> n.startsWith(".done/"))
                .toList();
    }

    /** WARN and ERROR lines: with two services the only expected ones are none. */
    private List<String> problems(String log) {
        return read(log).lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
    }

    private String read(String log) {
        try {
            return Files.exists(home.resolve(log)) ? Files.readString(home.resolve(log)) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
