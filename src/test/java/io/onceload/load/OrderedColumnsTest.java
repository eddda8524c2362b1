package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.RunStatus;
import io.onceload.testing.Loads;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watermark or version orders rows, so it must be finite: NaN sorts above every number in PostgreSQL. */
class OrderedColumnsTest {

    @TempDir
    Path dir;

    @Test
    void aNonFiniteWatermarkIsARejectAndNeverFreezesTheWatermark() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.wm_nan",
                "CREATE TABLE public.wm_nan (id int PRIMARY KEY, wm double precision NOT NULL, v text)");
        Loads loads = new Loads(dir, "name", "wm_nan", "watermark-column", "wm", "max-rejects", "5");
        LoadOutcome first = loads.load("f1.csv", "id,wm,v\n1,5,a\n2,NaN,b\n3,Infinity,c\n4,-inf,d\n");
        assertThat(first.status()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(first.counts()).extracting("inserted", "rejected").containsExactly(1L, 3L);
        assertThat(Files.readAllLines(dir.resolve("inbox/.rejected/f1.csv.rejects.csv"))).anySatisfy(line ->
                assertThat(line).startsWith("f1.csv,3,wm,").contains("NaN is not a valid watermark"));
        assertThat(TestDatabase.scalar("SELECT value FROM onceload.watermark WHERE pipeline = 'wm_nan'"))
                .isEqualTo("5");

        LoadOutcome second = loads.load("f2.csv", "id,wm,v\n5,100,c\n6,1e300,d\n");
        assertThat(second.counts()).extracting("inserted", "belowWatermark").containsExactly(2L, 0L);
        assertThat(TestDatabase.rows("SELECT id::text FROM wm_nan ORDER BY id"))
                .containsExactly(List.of("1"), List.of("5"), List.of("6"));
    }

    @Test
    void aNonFiniteVersionIsARejectSoNoStoredRowIsFrozen() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.ver_nan",
                "CREATE TABLE public.ver_nan (id int PRIMARY KEY, version real NOT NULL, v text)");
        Loads loads = new Loads(dir, "name", "ver_nan", "version-column", "version", "max-rejects", "5");
        LoadOutcome first = loads.load("v1.csv", "id,version,v\n1,NaN,a\n2,1,b\n");
        assertThat(first.counts()).extracting("inserted", "rejected").containsExactly(1L, 1L);
        LoadOutcome second = loads.load("v2.csv", "id,version,v\n2,2,c\n");
        assertThat(second.counts()).extracting("updated").isEqualTo(1L);
        assertThat(TestDatabase.rows("SELECT id::text, v FROM ver_nan ORDER BY id")).containsExactly(List.of("2", "c"));
    }
}
