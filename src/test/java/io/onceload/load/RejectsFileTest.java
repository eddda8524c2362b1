package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.csv.SourceRecord;
import io.onceload.testing.Orders;
import io.onceload.testing.ServiceProcess;
import io.onceload.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rejects file gets its name only with the load's outcome: an attempt cut short by a crash or a retry leaves no
 * empty or partial rejects file for the user to find instead of the real one.
 */
class RejectsFileTest {

    private static final SourceRecord BAD = new SourceRecord(2, new String[] {"1", "x"});

    @TempDir
    Path home;

    @Test
    void rowsAreInvisibleUntilPublishedThenNamedAfterTheFile() throws Exception {
        Path dir = home.resolve(".rejected");
        try (RejectsFile rejects = new RejectsFile(dir, "a.csv", ',')) {
            rejects.reject(BAD, "amount", "not a number");
            assertThat(TestApp.filesUnder(dir)).singleElement().asString()
                    .startsWith(".rejects-").endsWith(".part");

            assertThat(rejects.publish()).isEqualTo(dir.resolve("a.csv.rejects.csv"));
        }
        assertThat(TestApp.filesUnder(dir)).containsExactly("a.csv.rejects.csv");
        assertThat(Files.readAllLines(dir.resolve("a.csv.rejects.csv")))
                .containsExactly("file,line,column,reason,record", "a.csv,2,amount,not a number,\"1,x\"");
    }

    @Test
    void anAttemptWithoutAnOutcomeLeavesNothing() throws Exception {
        Path dir = home.resolve(".rejected");
        try (RejectsFile rejects = new RejectsFile(dir, "a.csv", ',')) {
            rejects.reject(BAD, "amount", "not a number");
        }
        assertThat(TestApp.filesUnder(dir)).isEmpty();
    }

    @Test
    void aCrashBeforeTheCommitLeavesNoRejectsFileAndTheRetryWritesOneWholeFile() throws Exception {
        Orders.reset();
        String pipeline = TestApp.pipeline("orders", "max-rejects", "5");
        try (TestApp setup = TestApp.start(home, "orders", pipeline)) {
            // only to write the routes; the crashing service is a JVM of its own
        }
        Path inbox = Files.createDirectories(home.resolve("inbox/orders"));
        Files.writeString(inbox.resolve("c.csv"), "order_id,customer_id,order_date,status,total_amount,currency,"
                + "updated_at\n1,x,2026-10-01,paid,1.00,EUR,2026-10-01T10:00:00Z\n"
                + "2,1,2026-10-01,paid,2.00,EUR,2026-10-01T10:00:00Z\n");
        Process service = ServiceProcess.start(home, "service.log", "-D" + Failpoint.PROPERTY + "=before-commit");
        assertThat(service.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(service.exitValue()).isEqualTo(Failpoint.EXIT_STATUS);
        assertThat(TestApp.filesUnder(inbox.resolve(".rejected"))).noneMatch(name -> !name.startsWith("."));

        try (TestApp restarted = TestApp.start(home, "orders", pipeline)) {
            TestApp.await("the file to be archived", Duration.ofSeconds(60),
                    () -> !io.onceload.testing.Idle.inInbox(inbox.resolve("c.csv")));
        }
        List<String> visible = TestApp.filesUnder(inbox.resolve(".rejected")).stream()
                .filter(name -> !name.startsWith(".")).toList();
        assertThat(visible).containsExactly("c.csv.rejects.csv");
        assertThat(Files.readAllLines(inbox.resolve(".rejected/c.csv.rejects.csv"))).hasSize(2)
                .last().asString().startsWith("c.csv,2,customer_id,");
    }
}
