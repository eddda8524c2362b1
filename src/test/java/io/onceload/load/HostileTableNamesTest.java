package io.onceload.load;

import static io.onceload.testing.Names.csvLine;
import static io.onceload.testing.Names.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettingsParser;
import io.onceload.ledger.RunStatus;
import io.onceload.testing.CatalogSnapshot;
import io.onceload.testing.Loads;
import io.onceload.testing.Orders;
import io.onceload.testing.TestDatabase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables, schemas and key, version, partition, watermark and record-id columns whose names are SQL, Camel
 * expressions, Unicode or 63 bytes long: a pipeline declared with those names writes into exactly that table.
 */
class HostileTableNamesTest {

    static final String SCHEMA = "h\"s; --";
    static final String TABLE = "Ord\"ers; DROP TABLE orders; -- /* $$ ${header.x} {{y}} ü名";
    private static final String KEY = "id\" --";
    private static final String AMOUNT = "amount; DELETE FROM orders";
    private static final String VERSION = "vers/*ion*/";
    private static final String NOTE = "größe 名 😀 '";
    /** Exactly 63 bytes: PostgreSQL keeps it whole. */
    private static final String LONG = "c" + "é".repeat(31);

    @TempDir
    Path dir;

    @BeforeEach
    void tables() {
        Orders.reset();
        TestDatabase.execute("INSERT INTO public.orders VALUES (1, 7, '2026-11-01', 'placed', 10.50, 'EUR',"
                + " '2026-11-01 10:00:00+00')", "DROP SCHEMA IF EXISTS " + id(SCHEMA) + " CASCADE",
                "CREATE SCHEMA " + id(SCHEMA),
                "CREATE TABLE " + id(SCHEMA, TABLE) + " (" + id(KEY) + " int PRIMARY KEY, " + id(AMOUNT)
                        + " numeric(10,2), " + id(VERSION) + " int NOT NULL, " + id(NOTE) + " text, " + id(LONG)
                        + " text)",
                // decoys a wrong quoting, case folding or schema would hit instead
                "CREATE TABLE " + id(SCHEMA, TABLE.toLowerCase(Locale.ROOT)) + " AS SELECT 1 AS decoy",
                "CREATE TABLE " + id(SCHEMA, "Ord") + " AS SELECT 1 AS decoy",
                "DROP TABLE IF EXISTS " + id("public", TABLE),
                "CREATE TABLE " + id("public", TABLE) + " AS SELECT 1 AS decoy");
    }

    @Test
    void aPipelineDeclaredWithHostileNamesWritesIntoExactlyThatTable() {
        CatalogSnapshot orders = CatalogSnapshot.of("public.orders", "order_id");
        List<List<String>> relations = orders.relations();
        // the table's name holds a '.', so it is written in SQL quotes; the schema's quote is literal, as written
        Map<String, Object> parameters = parameters("name", "hostile", "table", SCHEMA + "." + id(TABLE), "key", KEY,
                "version-column", VERSION, "header-mapping", "Bestell ${header.CamelFileName} {{x}}=" + KEY);
        new PipelineRegistry(TestDatabase.dataSource()).register(PipelineSettingsParser.parse(parameters, dir));
        Loads loads = new Loads(dir, flat(parameters));

        LoadOutcome first = loads.load("first.csv", csvLine("Bestell ${header.CamelFileName} {{x}}", AMOUNT, VERSION,
                NOTE, LONG) + csvLine("1", "10.50", "1", "'; DROP TABLE orders; --", "é")
                + csvLine("2", "3", "1", "", "x"));
        LoadOutcome second = loads.load("second.csv", csvLine("Bestell ${header.CamelFileName} {{x}}", AMOUNT,
                VERSION) + csvLine("1", "99.99", "2") + csvLine("2", "0", "0"));

        assertThat(first.status()).as(first.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(second.status()).as(second.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(second.counts()).extracting("updated", "stale").containsExactly(1L, 1L);
        assertThat(TestDatabase.rows("SELECT " + id(KEY) + ", " + id(AMOUNT) + ", " + id(VERSION) + ", " + id(NOTE)
                + ", " + id(LONG) + " FROM " + id(SCHEMA, TABLE) + " ORDER BY 1")).containsExactly(
                List.of("1", "99.99", "2", "'; DROP TABLE orders; --", "é"), List.of("2", "3.00", "1", "", "x"));
        assertThat(TestDatabase.rows("SELECT target_table FROM onceload.run WHERE pipeline = 'hostile'"))
                .containsOnly(List.of(SCHEMA + "." + id(TABLE)));
        assertUntouched(orders, relations);
    }

    @Test
    void hostilePartitionWatermarkAndRecordIdColumnsAreOneIdentifierEach() {
        String part = "part'ition\"; --";
        String recordId = "rec\"id $$ ${x}";
        String mark = "mark/* */";
        TestDatabase.execute("CREATE TABLE " + id(SCHEMA, "p") + " (" + id(KEY) + " int PRIMARY KEY, " + id(part)
                        + " date NOT NULL, " + id(AMOUNT) + " int)",
                "CREATE TABLE " + id(SCHEMA, "h") + " (" + id(recordId) + " text PRIMARY KEY, " + id(mark) + " int,"
                        + id(NOTE) + " text)");
        CatalogSnapshot orders = CatalogSnapshot.of("public.orders", "order_id");
        Loads partitions = new Loads(dir, "name", "parts", "table", SCHEMA + ".p", "key", KEY, "mode",
                "replace-partitions", "partition-column", part);
        Loads hashed = new Loads(dir, "name", "hashed", "table", SCHEMA + ".h", "key", "content-hash",
                "record-id-column", recordId, "hash-columns", NOTE, "watermark-column", mark);

        partitions.load("p1.csv", csvLine(KEY, part, AMOUNT) + csvLine("1", "2026-11-01", "1")
                + csvLine("2", "2026-11-01", "2") + csvLine("3", "2026-11-02", "3"));
        LoadOutcome replaced = partitions.load("p2.csv", csvLine(KEY, part, AMOUNT) + csvLine("1", "2026-11-01", "5"));
        hashed.load("h1.csv", csvLine(mark, NOTE) + csvLine("5", "a") + csvLine("5", "b"));
        LoadOutcome marked = hashed.load("h2.csv", csvLine(mark, NOTE) + csvLine("4", "old") + csvLine("6", "a"));

        assertThat(replaced.counts()).as(replaced.error()).extracting("updated", "deleted").containsExactly(1L, 1L);
        assertThat(TestDatabase.rows("SELECT " + id(KEY) + ", " + id(part) + ", " + id(AMOUNT) + " FROM "
                + id(SCHEMA, "p") + " ORDER BY 1")).containsExactly(List.of("1", "2026-11-01", "5"),
                List.of("3", "2026-11-02", "3"));
        assertThat(marked.counts()).as(marked.error()).extracting("belowWatermark", "updated").containsExactly(1L, 1L);
        assertThat(TestDatabase.rows("SELECT " + id(NOTE) + ", " + id(mark) + ", length(" + id(recordId) + ") FROM "
                + id(SCHEMA, "h") + " ORDER BY 1")).containsExactly(List.of("a", "6", "64"), List.of("b", "5", "64"));
        assertThat(TestDatabase.scalar("SELECT value FROM onceload.watermark WHERE pipeline = 'hashed'"))
                .isEqualTo("6");
        assertUntouched(orders, orders.relations());
    }

    @Test
    void caseAndLookAlikeTableNamesAreTablesOfTheirOwn() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.\"Orders\", public.\"оrders\"",
                "CREATE TABLE public.\"Orders\" (order_id int PRIMARY KEY, note text)",
                "CREATE TABLE public.\"оrders\" (order_id int PRIMARY KEY, note text)");
        CatalogSnapshot orders = CatalogSnapshot.of("public.orders", "order_id");

        new Loads(dir, "name", "upper", "table", "Orders").load("u.csv", csvLine("order_id", "note")
                + csvLine("5", "U"));
        new Loads(dir, "name", "cyrillic", "table", "оrders").load("c.csv", csvLine("order_id", "note")
                + csvLine("6", "C"));

        assertThat(TestDatabase.rows("SELECT order_id, note FROM public.\"Orders\""))
                .containsExactly(List.of("5", "U"));
        assertThat(TestDatabase.rows("SELECT order_id, note FROM public.\"оrders\"")).as("Cyrillic о")
                .containsExactly(List.of("6", "C"));
        assertUntouched(orders, orders.relations());
    }

    /** public.orders, its rows and row versions, and the set of relations are as before; the decoys still hold 1. */
    private static void assertUntouched(CatalogSnapshot orders, List<List<String>> relations) {
        assertThat(CatalogSnapshot.of("public.orders", "order_id")).isEqualTo(orders);
        assertThat(CatalogSnapshot.of("public.orders", "order_id").relations()).isEqualTo(relations);
        for (String decoy : List.of(id(SCHEMA, TABLE.toLowerCase(Locale.ROOT)), id(SCHEMA, "Ord"),
                id("public", TABLE))) {
            assertThat(TestDatabase.rows("SELECT * FROM " + decoy)).as(decoy).containsExactly(List.of("1"));
        }
    }

    private Map<String, Object> parameters(String... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        map.put("inbox", dir.resolve("inbox").toString());
        return map;
    }

    private static String[] flat(Map<String, Object> parameters) {
        return parameters.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(),
                e.getValue().toString())).toArray(String[]::new);
    }
}
