package io.onceload.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.Trigger;
import io.onceload.load.LoadOutcome;
import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same content arriving twice at the same moment is published once, whichever way it arrives. */
class SimultaneousDropTest {

    @TempDir
    Path home;

    @Test
    void theSameContentUnderTwoNamesAtOnceIsPublishedOnce() throws Exception {
        Orders.reset();
        Path staged = Files.createDirectories(home.resolve("staged"));
        Files.copy(Path.of("examples/orders.csv"), staged.resolve("a.csv"));
        Files.copy(Path.of("examples/orders.csv"), staged.resolve("b.csv"));
        try (TestApp service = TestApp.start(home, "orders", TestApp.pipeline("orders"))) {
            Path inbox = Files.createDirectories(service.inbox("orders"));
            Files.move(staged.resolve("a.csv"), inbox.resolve("a.csv"));
            Files.move(staged.resolve("b.csv"), inbox.resolve("b.csv"));
            TestApp.await("both files archived", Duration.ofSeconds(60), () -> TestApp.filesUnder(inbox).stream()
                    .filter(n -> n.startsWith(".done/")).count() == 2);
        }
        assertOnePublish();
    }

    @Test
    void aFileDroppedWhileTheCliLoadsTheSameFileIsPublishedOnce() throws Exception {
        Orders.reset();
        Path copy = Files.copy(Path.of("examples/orders.csv"), home.resolve("orders.csv"));
        try (TestApp service = TestApp.start(home, "orders", TestApp.pipeline("orders"))) {
            CompletableFuture<LoadOutcome> cli = CompletableFuture.supplyAsync(() -> service.app()
                    .load(service.app().pipeline("orders"), copy, Trigger.CLI));
            Path dropped = service.drop("orders", copy, "orders.csv");
            TestApp.await("the dropped file archived", Duration.ofSeconds(60), () -> !io.onceload.testing.Idle.inInbox(dropped));
            assertThat(cli.get().failed()).isFalse();
        }
        assertOnePublish();
    }

    private static void assertOnePublish() {
        assertThat(TestDatabase.rows("SELECT status FROM onceload.run ORDER BY status"))
                .extracting(row -> row.get(0)).containsExactly("published", "skipped");
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger")).isEqualTo(1);
        assertThat(Orders.count()).isEqualTo(100);
        assertThat(Orders.sum()).isEqualTo("139138.88");
    }
}
