package io.onceload.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read-lock marker left by an instance killed while it held a file: a running service takes the file anyway. */
class LeftLockMarkerTest {

    @TempDir
    Path home;

    @Test
    void aMarkerOfADeadInstanceDoesNotHoldTheFileForEver() throws Exception {
        Orders.reset();
        try (TestApp service = TestApp.start(home, "orders", TestApp.pipeline("orders"))) {
            Path inbox = Files.createDirectories(home.resolve("inbox/orders"));
            // as a killed instance leaves them: the marker, then the file it had locked
            Path marker = Files.createFile(inbox.resolve("orders.csv" + LockMarkers.SUFFIX));
            Files.setLastModifiedTime(marker, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));
            Path file = Files.copy(Path.of("examples/orders.csv"), inbox.resolve("orders.csv"));
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));

            TestApp.await("the file to be loaded", Duration.ofSeconds(60), () -> Orders.count() == 100);
            assertThat(TestDatabase.count("SELECT count(*) FROM onceload.run WHERE status = 'published'"))
                    .isEqualTo(1);
            assertThat(marker).doesNotExist();
        }
    }
}
