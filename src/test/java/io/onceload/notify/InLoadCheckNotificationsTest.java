package io.onceload.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import io.onceload.testing.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline whose only task is a check inside the load: its violation is check-failed, its pass completes. */
class InLoadCheckNotificationsTest {

    @TempDir
    Path home;

    @Test
    void aViolationIsCheckFailedAndAPassingLoadIsComplete() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.checked_t",
                "CREATE TABLE public.checked_t (id int PRIMARY KEY, amount int NOT NULL)",
                "DELETE FROM onceload.file_ledger WHERE pipeline = 'checked_t'",
                "DELETE FROM onceload.run WHERE pipeline = 'checked_t'", "DELETE FROM onceload.outbox");
        Files.createDirectories(home.resolve("sql"));
        Files.writeString(home.resolve("sql/positive.sql"), "SELECT id, amount FROM checked_t WHERE amount < 0");
        try (WebhookReceiver receiver = new WebhookReceiver();
             TestApp service = TestApp.start(home, TestApp.withTasks("checked_t", TestApp.pipeline("checked_t",
                     "notify", receiver.url(""), "notify-on", "check-failed,failed,complete"),
                     TestApp.task("checked_t", "positive", "kind", "check", "sql", "sql/positive.sql")))) {
            service.dropAndAwait("checked_t", "id,amount\n1,-5\n", "bad.csv");
            service.dropAndAwait("checked_t", "id,amount\n1,5\n", "good.csv");
            receiver.awaitReceived(2);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::event)
                    .containsExactly("check-failed", "complete");
            assertThat(receiver.received().get(0).body().get("error").asText())
                    .contains("check 'positive' found 1 violating row: (id=1, amount=-5)");
        }
    }
}
