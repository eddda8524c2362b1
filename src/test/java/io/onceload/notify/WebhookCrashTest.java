package io.onceload.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.onceload.load.Failpoint;
import io.onceload.testing.ServiceProcess;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killed after a webhook was sent and before it was marked sent: the restart resends it, with the same key. */
class WebhookCrashTest {

    @TempDir
    Path home;

    @Test
    void aCrashBetweenSendAndMarkResendsThatOneNotificationWithItsKeyAndNothingElse() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.hooked_crash",
                "CREATE TABLE public.hooked_crash (id int PRIMARY KEY, v text)",
                "DELETE FROM onceload.file_ledger WHERE pipeline = 'hooked_crash'",
                "DELETE FROM onceload.run WHERE pipeline = 'hooked_crash'", "DELETE FROM onceload.outbox");
        List<String> keys = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String pipeline = TestApp.pipeline("hooked_crash", "notify", "http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hook", "notify-on", "published");
            try (TestApp setup = TestApp.start(home, "hooked_crash", pipeline)) {
                // only to write the routes; the crashing service is a separate JVM
            }
            Path inbox = Files.createDirectories(home.resolve("inbox/hooked_crash"));
            Files.writeString(inbox.resolve("a.csv"), "id,v\n1,a\n");
            Process service = ServiceProcess.start(home, "service-after-send.log",
                    "-D" + Failpoint.PROPERTY + "=after-send");
            assertThat(service.waitFor(90, TimeUnit.SECONDS)).as("service halted after the send").isTrue();
            assertThat(service.exitValue()).isEqualTo(Failpoint.EXIT_STATUS);
            assertThat(keys).hasSize(1);
            assertThat(TestDatabase.rows("SELECT status FROM onceload.outbox")).containsExactly(List.of("pending"));

            try (TestApp restarted = TestApp.start(home, "hooked_crash", pipeline)) {
                TestApp.await("the notification marked sent", Duration.ofSeconds(30), () -> TestDatabase.count(
                        "SELECT count(*) FROM onceload.outbox WHERE status = 'sent'") == 1);
                restarted.dropAndAwait("hooked_crash", "id,v\n2,b\n", "b.csv");
                TestApp.await("the second file's notification", Duration.ofSeconds(30), () -> keys.size() == 3);
            }
            assertThat(keys.get(1)).as("the resend carries the first send's key").isEqualTo(keys.get(0));
            assertThat(keys.get(2)).isNotEqualTo(keys.get(0));
            assertThat(TestDatabase.rows("SELECT status, attempts::text FROM onceload.outbox ORDER BY id"))
                    .containsExactly(List.of("sent", "1"), List.of("sent", "1"));
        } finally {
            receiver.stop(0);
        }
    }
}
