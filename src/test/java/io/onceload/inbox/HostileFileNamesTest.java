package io.onceload.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names that look like paths, Camel expressions, placeholders, SQL or bidirectional text are only names:
 * each file is loaded, recorded and archived under exactly the name it arrived with.
 */
class HostileFileNamesTest {

    private static final List<String> NAMES = List.of("a b.csv", "${date:now:yyyy}.csv", "${header.CamelFileName}.csv",
            "$simple{file:name}.csv", "{{onceload.inbox}}.csv", "#{bean}.csv", "ü–名.csv", "x..y.csv", "a...csv",
            "'; DROP TABLE orders; --.csv", "%2e%2e%2fx.csv", "a\tb.csv", "\u202Evsc.exe.csv",
            "-rf .csv", "RAW(x).csv", " lead and trail .csv");

    private static final String ROW_HEADER = "order_id,customer_id,order_date,status,total_amount,updated_at\n";

    @TempDir
    Path home;

    private TestApp service;

    @BeforeEach
    void start() throws Exception {
        Orders.reset();
        service = TestApp.start(home, "orders", TestApp.pipeline("orders"));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void everyNameIsLoadedRecordedAndArchivedLiterally() throws Exception {
        List<String> names = new ArrayList<>(NAMES);
        if (newlinesAllowed()) {
            names.add("line\nbreak.csv");
        }
        for (int i = 0; i < names.size(); i++) {
            service.dropAndAwait("orders", ROW_HEADER + (i + 1) + ",7,2026-11-01,placed,1.00,2026-11-01T10:00:00Z\n",
                    names.get(i));
        }

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(TestApp.filesUnder(service.inbox("orders"))).containsExactlyInAnyOrderElementsOf(
                names.stream().map(name -> ".done/" + today + "/" + name).toList());
        assertThat(TestDatabase.rows("SELECT file_name, status, inserted FROM onceload.run ORDER BY started_at"))
                .containsExactlyElementsOf(names.stream().map(name -> List.of(name, "published", "1")).toList());
        assertThat(Orders.count()).isEqualTo(names.size());
    }

    @Test
    void aFailedFileItsReportAndItsRejectsKeepTheLiteralName() throws Exception {
        String failing = "${header.CamelFileName} ü.csv";
        String rejecting = "{{name}};--.csv";
        service.close();
        service = TestApp.start(home, "orders", TestApp.pipeline("orders", "max-rejects", "1"));
        service.dropAndAwait("orders", "order_id,${body}\n1,x\n", failing);
        service.dropAndAwait("orders", ROW_HEADER + "1,7,2026-11-01,placed,1.00,2026-11-01T10:00:00Z\n"
                + "2,7,2026-11-01,placed,not a number,2026-11-01T10:00:00Z\n", rejecting);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(TestApp.filesUnder(service.inbox("orders"))).containsExactlyInAnyOrder(".failed/" + failing,
                ".failed/" + failing + ".error.txt", ".rejected/" + rejecting + ".rejects.csv",
                ".done/" + today + "/" + rejecting);
        assertThat(Files.readString(service.inbox("orders").resolve(".failed/" + failing + ".error.txt")))
                .contains("file:     " + failing + "\n").contains("header '${body}' matches no column");
        assertThat(TestDatabase.rows("SELECT file_name, status FROM onceload.run ORDER BY started_at"))
                .containsExactly(List.of(failing, "failed"), List.of(rejecting, "published"));
    }

    /**
     * Camel's file consumer turns a backslash in a name into '/': today {@code a\b.csv} is never loaded (no run,
     * never leaves the inbox) and {@code a/b.csv} from a sub-folder is loaded and archived in its place. The fix
     * belongs to the inbox endpoint (see issue 6, item 8); this test is the acceptance check for it.
     */
    @Test
    void aBackslashInANameIsNeverTakenForADirectory() throws Exception {
        Path inbox = Files.createDirectories(service.inbox("orders").resolve("a"));
        Files.writeString(inbox.resolve("b.csv"), ROW_HEADER + "99,7,2026-11-01,placed,1.00,2026-11-01T10:00:00Z\n");
        service.drop("orders", ROW_HEADER + "1,7,2026-11-01,placed,1.00,2026-11-01T10:00:00Z\n", "a\\b.csv");
        service.dropAndAwait("orders", ROW_HEADER + "2,7,2026-11-01,placed,1.00,2026-11-01T10:00:00Z\n", "c.csv");
        TestApp.await("a\\b.csv to leave the inbox", Duration.ofSeconds(10),
                () -> !io.onceload.testing.Idle.inInbox(service.inbox("orders").resolve("a\\b.csv")));

        assertThat(Files.exists(inbox.resolve("b.csv"))).as("the sub-folder's file is never read").isTrue();
        assertThat(TestDatabase.rows("SELECT order_id FROM orders WHERE order_id = 99")).isEmpty();
        assertThat(Files.readString(service.inbox("orders").resolve(".failed/a\\b.csv.error.txt")))
                .contains("the file name contains '\\'");
    }

    /** Whether this file system takes a line break in a file name (Linux and macOS do). */
    private boolean newlinesAllowed() {
        try {
            Files.delete(Files.createFile(home.resolve("probe\nname")));
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
