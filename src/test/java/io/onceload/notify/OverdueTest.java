package io.onceload.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.Trigger;
import io.onceload.testing.LandingFiles;
import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scheduled date whose file does not come by its deadline: one overdue, and none after the file arrives. */
class OverdueTest {

    @TempDir
    Path home;

    @Test
    void aMissingFileMakesItsDateOverdueOnceAndItsArrivalCompletesIt() throws Exception {
        Orders.reset();
        TestDatabase.execute("DELETE FROM onceload.outbox");
        LandingFiles landing = new LandingFiles(home.resolve("landing"));
        // one fire a few seconds from now, so its deadline passes while the service watches
        ZonedDateTime fire = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        String cron = fire.getSecond() + " " + fire.getMinute() + " " + fire.getHour() + " * * ?";
        LocalDate date = fire.toLocalDate();
        try (TestApp service = TestApp.start(home, "orders", TestApp.pipeline("orders", "schedule", cron,
                "source", landing.pattern(), "deadline", "+2s", "notify", "log", "notify-on", "overdue,complete"))) {
            TestApp.await("the date to be overdue", Duration.ofSeconds(60), () -> TestDatabase.count(
                    "SELECT count(*) FROM onceload.outbox WHERE event = 'overdue' AND status = 'sent'") == 1);
            assertThat(TestDatabase.rows("SELECT logical_date::text, dedup_key FROM onceload.outbox"))
                    .containsExactly(java.util.List.of(date.toString(), "onceload:orders:" + date + ":overdue"));
            assertThat(TestDatabase.scalar("SELECT status FROM onceload.run WHERE pipeline = 'orders'"))
                    .isEqualTo("missing-input");

            landing.write(date);
            service.app().runner().run("orders", date, Trigger.JMX);
            TestApp.await("the date to complete", Duration.ofSeconds(30), () -> TestDatabase.count(
                    "SELECT count(*) FROM onceload.outbox WHERE event = 'complete'") == 1);
            assertThat(service.app().runner().tasks().isComplete(service.app().pipeline("orders"), date)).isTrue();
            assertThat(TestDatabase.count("SELECT count(*) FROM onceload.outbox WHERE event = 'overdue'")).isEqualTo(1);
        }
    }
}
