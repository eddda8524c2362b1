package io.onceload.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A link or FIFO in the inbox is refused unread and moved to .failed with the reason; its target is untouched. */
class InboxLinksTest {

    @TempDir
    Path home;

    @Test
    void linksAndFifosAreRefusedUnreadWithAReason() throws Exception {
        Orders.reset();
        Path outside = Files.createDirectories(home.resolve("outside"));
        Path secret = Files.copy(Path.of("examples/orders.csv"), outside.resolve("secret.csv"));
        Path inbox = Files.createDirectories(home.resolve("inbox/orders"));
        Files.createSymbolicLink(inbox.resolve("link.csv"), secret);
        Files.createLink(inbox.resolve("hard.csv"), secret);
        Process mkfifo = new ProcessBuilder("mkfifo", inbox.resolve("pipe.csv").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        try (TestApp service = TestApp.start(home, "orders", TestApp.pipeline("orders"))) {
            TestApp.await("the three entries refused", Duration.ofSeconds(60), () -> TestApp.filesUnder(inbox)
                    .stream().filter(n -> n.endsWith(".error.txt")).count() == 3);
        }

        assertThat(Files.list(inbox).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
                .as("nothing left in the inbox").isEmpty();
        assertThat(Files.isSymbolicLink(inbox.resolve(".failed/link.csv"))).as("the link itself was moved").isTrue();
        assertThat(Files.readString(inbox.resolve(".failed/link.csv.error.txt"))).contains("a symbolic link (to "
                + secret + ")");
        assertThat(Files.readString(inbox.resolve(".failed/hard.csv.error.txt"))).contains("a hard link");
        assertThat(Files.readString(inbox.resolve(".failed/pipe.csv.error.txt"))).contains("not a regular file");
        assertThat(Orders.count()).as("no row of the outside file was loaded").isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger")).isZero();
        assertThat(TestDatabase.rows("SELECT file_name, status FROM onceload.run ORDER BY file_name")).containsExactly(
                List.of("hard.csv", "failed"), List.of("link.csv", "failed"), List.of("pipe.csv", "failed"));
        assertThat(secret).as("the outside file is where it was, unchanged")
                .hasSameTextualContentAs(Path.of("examples/orders.csv"));
    }
}
