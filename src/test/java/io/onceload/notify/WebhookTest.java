package io.onceload.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.Cli;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import io.onceload.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks sent once per outcome, to a real HTTP server on 127.0.0.1 that records every request. */
class WebhookTest {

    private static final String SECRET = "s3cr3t-t0ken";

    @TempDir
    Path home;

    private WebhookReceiver receiver;
    private List<WebhookReceiver.Received> received;
    private TestApp service;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.hooked", "CREATE TABLE public.hooked (id int PRIMARY KEY, v text)",
                "DELETE FROM onceload.file_ledger WHERE pipeline = 'hooked'",
                "DELETE FROM onceload.run WHERE pipeline = 'hooked'", "DELETE FROM onceload.outbox");
        receiver = new WebhookReceiver();
        received = receiver.received();
        Cli.configure(home);
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        receiver.close();
        System.clearProperty("onceload.test.hook");
    }

    private String hook() {
        return receiver.url("token=" + SECRET);
    }

    private void startService(String... more) throws Exception {
        // the webhook, token included, comes from a placeholder, as a secret from the environment would
        System.setProperty("onceload.test.hook", hook());
        String[] parameters = new String[4 + more.length];
        parameters[0] = "notify";
        parameters[1] = "{{sys:onceload.test.hook}}";
        parameters[2] = "notify-on";
        parameters[3] = "published,failed";
        System.arraycopy(more, 0, parameters, 4, more.length);
        service = TestApp.start(home, "hooked", TestApp.pipeline("hooked", parameters));
    }

    private void awaitReceived(int count) throws InterruptedException {
        receiver.awaitReceived(count);
    }

    @Test
    void aPublishedFileIsOneWebhookAReplayNoneAFailureOneAndItsCorrectionOne() throws Exception {
        startService("notify-backoff-ms", "10");
        service.dropAndAwait("hooked", "id,v\n1,a\n2,b\n", "one.csv");
        awaitReceived(1);
        WebhookReceiver.Received published = received.get(0);
        assertThat(published.body().get("event").asText()).isEqualTo("published");
        assertThat(published.body().get("pipeline").asText()).isEqualTo("hooked");
        assertThat(published.body().get("inserted").asLong()).isEqualTo(2);
        assertThat(published.body().get("file").asText()).isEqualTo("one.csv");
        assertThat(published.key()).isEqualTo(published.body().get("dedup_key").asText()).startsWith("onceload:hooked:");

        service.dropAndAwait("hooked", "id,v\n1,a\n2,b\n", "again.csv");
        service.dropAndAwait("hooked", "id,nope\n3,c\n", "bad.csv");
        awaitReceived(2);
        service.dropAndAwait("hooked", "id,v\n3,c\n", "fixed.csv");
        awaitReceived(3);
        assertThat(received).extracting(r -> r.body().get("event").asText() + " " + r.body().get("file").asText())
                .containsExactly("published one.csv", "failed bad.csv", "published fixed.csv");
        assertThat(received.get(1).body().get("error").asText()).contains("matches no column");
        assertThat(received).extracting(WebhookReceiver.Received::key).doesNotHaveDuplicates();

        Cli list = Cli.run(home, "notifications", "hooked");
        assertThat(list.status()).isZero();
        assertThat(list.out()).contains("published  sent after 1 attempt", "/…#").doesNotContain(SECRET)
                .doesNotContain("/hook");
        // path and query left out (chat webhooks keep their secret in the path), a fingerprint instead
        assertThat(TestDatabase.scalar("SELECT string_agg(DISTINCT target, ',') FROM onceload.outbox"))
                .matches("http://127\\.0\\.0\\.1:" + receiver.port() + "/…#[0-9a-f]{8}");
        assertThat(TestDatabase.rows("SELECT payload::text FROM onceload.outbox").toString()).doesNotContain(SECRET);
    }

    @Test
    void aFailingReceiverGetsItOnceAfterRetriesAndOneDownForGoodMakesItDead() throws Exception {
        startService("notify-backoff-ms", "10", "notify-attempts", "4");
        receiver.failNext(2);
        service.dropAndAwait("hooked", "id,v\n1,a\n", "one.csv");
        awaitReceived(1);
        assertThat(TestDatabase.rows("SELECT status, attempts::text, last_error FROM onceload.outbox"))
                .containsExactly(java.util.Arrays.asList("sent", "3", null));

        receiver.failNext(1000);
        service.dropAndAwait("hooked", "id,v\n2,b\n", "two.csv");
        TestApp.await("the notification to be given up", Duration.ofSeconds(30), () -> TestDatabase.count(
                "SELECT count(*) FROM onceload.outbox WHERE status = 'dead'") == 1);
        assertThat(TestDatabase.rows("SELECT attempts::text, last_error FROM onceload.outbox WHERE status = 'dead'"))
                .singleElement().satisfies(row -> assertThat(row.get(0) + " " + row.get(1)).matches(
                        "4 HTTP 500 from http://127\\.0\\.0\\.1:" + receiver.port() + "/…#[0-9a-f]{8}"));
        assertThat(received).hasSize(1);
    }

    @Test
    void theSlackFormatPostsOneTextThatChatToolsAccept() throws Exception {
        startService("notify-format", "slack");
        service.dropAndAwait("hooked", "id,v\n1,a\n", "one.csv");
        awaitReceived(1);
        assertThat(received.get(0).body().size()).isEqualTo(1);
        assertThat(received.get(0).body().get("text").asText()).matches("onceload hooked: published for"
                + " \\d{4}-\\d{2}-\\d{2}, file one.csv \\(1 inserted, 0 updated\\)");
        assertThat(received.get(0).key()).startsWith("onceload:hooked:");
    }

    @Test
    void anEntryRefusedUnreadIsAFailedRunAndOneFailedEvent() throws Exception {
        startService();
        Path target = java.nio.file.Files.writeString(home.resolve("elsewhere.csv"), "id,v\n1,a\n");
        java.nio.file.Files.createDirectories(service.inbox("hooked"));
        java.nio.file.Files.createSymbolicLink(service.inbox("hooked").resolve("link.csv"), target);
        awaitReceived(1);
        assertThat(received.get(0).body().get("event").asText()).isEqualTo("failed");
        assertThat(received.get(0).body().get("error").asText()).contains("refused unread: a symbolic link");
        assertThat(received.get(0).body().get("file").asText()).isEqualTo("link.csv");
    }
}
