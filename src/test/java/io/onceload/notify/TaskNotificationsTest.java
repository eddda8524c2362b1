package io.onceload.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.Trigger;
import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import io.onceload.testing.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example workflow notifies a date's completion once per set of inputs, and a failed check once. */
class TaskNotificationsTest {

    private static final Path ORDERS = Path.of("examples/orders.csv");

    @TempDir
    Path home;

    private WebhookReceiver receiver;
    private TestApp service;

    @BeforeEach
    void start() throws Exception {
        Orders.reset();
        TestDatabase.execute("DELETE FROM onceload.outbox");
        receiver = new WebhookReceiver();
        Files.createDirectories(home.resolve("sql"));
        for (String sql : List.of("daily_revenue.sql", "daily_revenue_check.sql")) {
            Files.copy(Path.of("sql", sql), home.resolve("sql").resolve(sql));
        }
        service = TestApp.start(home, "orders", TestApp.pipeline("orders", "notify", receiver.url(""), "notify-on",
                "complete,check-failed,failed", "notify-backoff-ms", "10"), "orders-tasks",
                Files.readString(Path.of("routes/orders-tasks.camel.yaml")));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        receiver.close();
    }

    @Test
    void completeOncePerInputsAFailedCheckOnceAndCompleteAgainAfterTheClear() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        service.dropAndAwait("orders", ORDERS, "orders.csv");
        receiver.awaitReceived(1);
        assertThat(receiver.received().get(0).event()).isEqualTo("complete");
        assertThat(receiver.received().get(0).body().get("logical_date").asText()).isEqualTo(today);

        service.dropAndAwait("orders", ORDERS, "again.csv"); // skipped: owes nothing, completes nothing new
        TestDatabase.execute("UPDATE daily_revenue SET revenue = revenue + 1 WHERE order_date = '2026-11-21'");
        List<String> lines = Files.readAllLines(ORDERS);
        service.dropAndAwait("orders", lines.get(0) + "\n" + lines.get(2).replace(",1778.92,", ",1778.93,") + "\n",
                "second.csv");
        receiver.awaitReceived(2);
        WebhookReceiver.Received failed = receiver.received().get(1);
        assertThat(failed.event()).isEqualTo("check-failed");
        assertThat(failed.body().get("task").asText()).isEqualTo("daily_revenue_check");
        assertThat(failed.body().get("error").asText()).contains("found 3 violating rows");

        service.app().runner().clear("orders", "daily_revenue", true, List.of(LocalDate.parse(today)), Trigger.CLI);
        receiver.awaitReceived(3);
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::event)
                .containsExactly("complete", "check-failed", "complete");
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::key).doesNotHaveDuplicates();
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.outbox")).isEqualTo(3);
    }
}
