package io.onceload.load;

import static io.onceload.testing.Names.csvLine;
import static io.onceload.testing.Names.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.RunStatus;
import io.onceload.testing.CatalogSnapshot;
import io.onceload.testing.HostileHeaders;
import io.onceload.testing.Loads;
import io.onceload.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of generated hostile names as the real columns of one table: a file whose header spells them exactly
 * inserts, then updates, every one of them, and nothing else in the database changes.
 */
class HostileColumnNamesTest {

    @TempDir
    Path dir;

    /** Names PostgreSQL keeps whole (no NUL, at most 63 bytes) and that a header can spell exactly (no padding). */
    private static List<String> names() {
        return HostileHeaders.generate(1_200, 20261123L).stream().map(HostileHeaders.Case::header)
                .filter(n -> n.indexOf('\0') < 0 && n.getBytes(StandardCharsets.UTF_8).length <= 63
                        && !n.isEmpty() && n.strip().equals(n) && !n.equals("id"))
                .distinct().limit(600).toList();
    }

    @Test
    void everyHostileColumnIsWrittenAsItself() {
        List<String> names = names();
        TestDatabase.execute("DROP TABLE IF EXISTS public.hostile_columns",
                "CREATE TABLE public.hostile_columns (id int PRIMARY KEY, "
                        + names.stream().map(n -> id(n) + " text").collect(Collectors.joining(", ")) + ")");
        CatalogSnapshot before = CatalogSnapshot.of("public.hostile_columns", "id");
        Loads loads = new Loads(dir, "name", "hostile_columns");
        List<String> header = new ArrayList<>(List.of("id"));
        header.addAll(names);

        LoadOutcome first = loads.load("first.csv", csvLine(header.toArray(String[]::new))
                + csvLine(row(1, names.size(), "a")) + csvLine(row(2, names.size(), "b")));
        LoadOutcome second = loads.load("second.csv", csvLine(header.toArray(String[]::new))
                + csvLine(row(1, names.size(), "c")) + csvLine(row(2, names.size(), "b")));

        assertThat(names).hasSizeGreaterThan(300);
        assertThat(first.status()).as(first.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(first.counts().inserted()).isEqualTo(2);
        assertThat(second.counts()).as(second.error()).extracting("updated", "unchanged").containsExactly(1L, 1L);
        String columns = names.stream().map(n -> id(n)).collect(Collectors.joining(", "));
        assertThat(TestDatabase.rows("SELECT id, " + columns + " FROM public.hostile_columns ORDER BY id"))
                .containsExactly(List.of(row(1, names.size(), "c")), List.of(row(2, names.size(), "b")));
        CatalogSnapshot after = CatalogSnapshot.of("public.hostile_columns", "id");
        assertThat(after.relations()).isEqualTo(before.relations());
        assertThat(after.columns()).isEqualTo(before.columns());
        assertThat(after.functions()).isEqualTo(before.functions());
    }

    /** The key, then one distinct value per column: {@code <prefix><column number>}. */
    private static String[] row(int key, int columns, String prefix) {
        return IntStream.rangeClosed(0, columns).mapToObj(i -> i == 0 ? Integer.toString(key) : prefix + i)
                .toArray(String[]::new);
    }
}
