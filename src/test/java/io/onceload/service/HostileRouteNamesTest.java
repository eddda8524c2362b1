package io.onceload.service;

import static io.onceload.testing.Names.csvLine;
import static io.onceload.testing.Names.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.CatalogSnapshot;
import io.onceload.testing.Orders;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline file whose table, key and header-mapping values look like Camel placeholders, Simple expressions and
 * SQL: the route template passes them on literally, and the running service loads into exactly that table.
 */
class HostileRouteNamesTest {

    private static final String SCHEMA = "{{name}}";
    private static final String TABLE = "${header.CamelFileName}; DROP TABLE orders; --";
    private static final String KEY = "#{key}\" $simple{body}";
    private static final String VALUE = "{{onceload.inbox}} 'v'";

    @TempDir
    Path home;

    @Test
    void placeholderAndExpressionLookingNamesAreTakenLiterallyByTheRunningService() throws Exception {
        Orders.reset();
        TestDatabase.execute("DROP SCHEMA IF EXISTS " + id(SCHEMA) + " CASCADE", "CREATE SCHEMA " + id(SCHEMA),
                "CREATE TABLE " + id(SCHEMA, TABLE) + " (" + id(KEY) + " int PRIMARY KEY, " + id(VALUE) + " text)",
                // what evaluating the placeholders would have addressed instead
                "DROP TABLE IF EXISTS public.hostile_route", "CREATE TABLE public.hostile_route (x int PRIMARY KEY)");
        CatalogSnapshot orders = CatalogSnapshot.of("public.orders", "order_id");
        String yaml = "- templatedRoute:\n    routeTemplateRef: onceload-pipeline\n    routeId: hostile_route\n"
                + "    parameters:\n" + parameter("name", "hostile_route")
                + parameter("table", SCHEMA + "." + id(TABLE))
                + parameter("key", KEY) + parameter("header-mapping", "${header.CamelFileName}=" + KEY)
                + parameter("stable-ms", "100") + parameter("poll-ms", "100");

        try (TestApp service = TestApp.start(home, "hostile_route", yaml)) {
            service.dropAndAwait("hostile_route", csvLine("${header.CamelFileName}", VALUE) + csvLine("1", "${body}")
                    + csvLine("2", "{{name}}"), "${date:now:yyyy}.csv");
        }

        assertThat(TestDatabase.rows("SELECT " + id(KEY) + ", " + id(VALUE) + " FROM " + id(SCHEMA, TABLE)
                + " ORDER BY 1")).containsExactly(List.of("1", "${body}"), List.of("2", "{{name}}"));
        assertThat(TestDatabase.rows("SELECT file_name, target_table, status FROM onceload.run"
                + " WHERE pipeline = 'hostile_route'")).containsExactly(
                List.of("${date:now:yyyy}.csv", SCHEMA + "." + id(TABLE), "published"));
        assertThat(TestDatabase.count("SELECT count(*) FROM public.hostile_route")).isZero();
        assertThat(CatalogSnapshot.of("public.orders", "order_id")).isEqualTo(orders);
    }

    /** One template parameter as a YAML single-quoted scalar, in which only {@code '} needs escaping. */
    private static String parameter(String name, String value) {
        return "      - name: " + name + "\n        value: '" + value.replace("'", "''") + "'\n";
    }
}
