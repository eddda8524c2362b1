package io.onceload.pull;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.Trigger;
import io.onceload.run.RunResult;
import io.onceload.testing.Orders;
import io.onceload.testing.SourceDatabase;
import io.onceload.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's pull example, as shipped: its source script, route and query file, against a real source database. */
class PullExampleTest {

    @TempDir
    Path home;

    @Test
    void theExamplePullsTheShopsOrdersRenamedIntoOrders() throws Exception {
        Orders.reset();
        SourceDatabase.url();
        SourceDatabase.execute("DROP TABLE IF EXISTS shop_orders", Files.readString(Path.of("examples/pull/shop.sql")));
        Path examples = Files.createDirectories(home.resolve("examples/pull"));
        Files.copy(Path.of("examples/pull/orders-pull.sql"), examples.resolve("orders-pull.sql"));
        String route = Files.readString(Path.of("examples/pull/orders-pull.camel.yaml"))
                .replace("{{env:SHOP_DB_URL}}", SourceDatabase.url());

        try (TestApp service = TestApp.start(home, "orders-pull", route)) {
            List<RunResult> runs = service.app().runner().run("orders-pull", LocalDate.parse("2026-11-21"),
                    Trigger.JMX);
            assertThat(runs).extracting(r -> r.outcome().status().dbValue()).containsExactly("published");
        }
        assertThat(Orders.snapshot()).extracting(row -> row.get(0) + " " + row.get(3) + " " + row.get(4))
                .containsExactly("9001 paid 19.90", "9002 paid 45.00", "9003 open 12.50");
    }
}
