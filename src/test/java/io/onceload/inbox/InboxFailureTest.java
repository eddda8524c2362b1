package io.onceload.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files end in .failed/ with a report, nothing of them is published, and hidden things are never read. */
class InboxFailureTest {

    private static final String HEADER = "order_id,customer_id,order_date,status,total_amount,currency,updated_at\n";
    private static final String GOOD = "1,1,2026-11-01,paid,10.00,EUR,2026-11-01T10:00:00Z\n";

    @TempDir
    Path home;

    private TestApp service;

    @BeforeEach
    void start() throws Exception {
        Orders.reset();
        service = TestApp.start(home, "orders", TestApp.pipeline("orders", "max-rejects", "1"));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void tooManyBadRowsSendTheFileToFailedWithAReportAndPublishNothing() throws Exception {
        String bad = HEADER + GOOD + "2,x,2026-11-01,paid,10.00,EUR,2026-11-01T10:00:00Z\n"
                + "3,3,2026-13-01,paid,10.00,EUR,2026-11-01T10:00:00Z\n";
        service.dropAndAwait("orders", bad, "bad.csv");

        assertThat(Orders.count()).isZero();
        assertThat(TestApp.filesUnder(service.inbox("orders"))).containsExactly(
                ".failed/bad.csv", ".failed/bad.csv.error.txt", ".rejected/bad.csv.rejects.csv");
        assertThat(Files.readString(service.inbox("orders").resolve(".failed/bad.csv.error.txt")))
                .contains("file:     bad.csv", "2 rejected rows exceed max-rejects 1", "nothing was published");
        assertThat(Files.readAllLines(service.inbox("orders").resolve(".rejected/bad.csv.rejects.csv")))
                .hasSize(3)
                .anySatisfy(l -> assertThat(l).startsWith("bad.csv,3,customer_id,"))
                .anySatisfy(l -> assertThat(l).startsWith("bad.csv,4,order_date,"));
        assertThat(TestDatabase.rows("SELECT status, rejected FROM onceload.run")).containsExactly(List.of("failed", "2"));
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger")).isZero();
    }

    @Test
    void oneBadRowWithinMaxRejectsIsPublishedWithoutIt() throws Exception {
        service.dropAndAwait("orders", HEADER + GOOD + "2,x,2026-11-01,paid,10.00,EUR,2026-11-01T10:00:00Z\n", "one.csv");
        assertThat(Orders.count()).isEqualTo(1);
        assertThat(TestDatabase.rows("SELECT status, inserted, rejected FROM onceload.run"))
                .containsExactly(List.of("published", "1", "1"));
    }

    @Test
    void anUnknownHeaderFailsTheWholeFile() throws Exception {
        service.dropAndAwait("orders", HEADER.replace("currency", "curency") + GOOD, "typo.csv");
        assertThat(Orders.count()).isZero();
        assertThat(Files.readString(service.inbox("orders").resolve(".failed/typo.csv.error.txt")))
                .contains("header 'curency' matches no column of public.orders");
    }

    @Test
    void hiddenFilesDotFoldersAndOtherNamesAreLeftAlone() throws Exception {
        Path inbox = Files.createDirectories(service.inbox("orders"));
        Files.createDirectories(inbox.resolve(".hold"));
        Files.writeString(inbox.resolve(".hold/held.csv"), HEADER + GOOD);
        Files.writeString(inbox.resolve(".hidden.csv"), HEADER + GOOD);
        Files.writeString(inbox.resolve("notes.txt"), HEADER + GOOD);

        service.dropAndAwait("orders", HEADER + "7,7,2026-11-01,paid,1.00,EUR,2026-11-01T10:00:00Z\n", "z.csv");

        assertThat(TestDatabase.rows("SELECT order_id FROM orders")).containsExactly(List.of("7"));
        assertThat(TestApp.filesUnder(inbox)).contains(".hold/held.csv", ".hidden.csv", "notes.txt");
        assertThat(TestDatabase.rows("SELECT file_name FROM onceload.run")).containsExactly(List.of("z.csv"));
    }
}
