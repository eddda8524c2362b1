package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.ledger.RunStatus;
import io.onceload.testing.Loads;
import io.onceload.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** version-column, key: content-hash, watermark-column, metadata columns and post-verify. */
class LoadOptionsTest {

    @TempDir
    Path dir;

    @Test
    void anOlderFileNeverOverwritesNewerRows() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.prices",
                "CREATE TABLE public.prices (sku text PRIMARY KEY, price numeric(8,2), updated_at timestamptz)");
        Loads loads = new Loads(dir, "name", "prices", "version-column", "updated_at");
        String header = "sku,price,updated_at\n";
        loads.load("wednesday.csv", header + "a,3.00,2026-11-18T10:00:00Z\nb,5.00,2026-11-18T10:00:00Z\n");
        List<List<String>> versions = Loads.versions("prices", "sku");

        LoadOutcome tuesday = loads.load("tuesday.csv", header + "a,2.00,2026-11-17T10:00:00Z\nb,5.00,2026-11-18T10:00:00Z\n");
        assertThat(tuesday.counts()).extracting("updated", "unchanged", "stale").containsExactly(0L, 1L, 1L);
        assertThat(Loads.versions("prices", "sku")).isEqualTo(versions);

        LoadOutcome inFile = loads.load("thursday.csv", header
                + "a,9.00,2026-11-19T12:00:00Z\na,4.00,2026-11-19T10:00:00Z\nb,6.00,2026-11-19T10:00:00Z\n"
                + "b,7.00,2026-11-19T10:00:00Z\n");
        assertThat(inFile.counts()).extracting("updated", "duplicates").containsExactly(2L, 2L);
        assertThat(TestDatabase.rows("SELECT sku, price FROM prices ORDER BY sku")).as("highest version, then last line")
                .containsExactly(List.of("a", "9.00"), List.of("b", "7.00"));
    }

    @Test
    void contentHashMakesTheSameRecordOneRowAndPostVerifyGuardsTheUnenforcedKey() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.clicks",
                "CREATE TABLE public.clicks (record_id uuid NOT NULL, url text, clicked_at timestamptz)");
        Loads loads = new Loads(dir, "name", "clicks", "key", "content-hash");
        String header = "url,clicked_at\n";
        LoadOutcome first = loads.load("c1.csv", header + "/a,2026-11-01T10:00:00Z\n/b,2026-11-01T10:00:00Z\n"
                + "/a,2026-11-01T10:00:00Z\n");
        assertThat(first.counts()).extracting("inserted", "duplicates").containsExactly(2L, 1L);

        List<List<String>> versions = Loads.versions("clicks", "record_id");
        LoadOutcome again = loads.load("c2.csv", header + "/b,2026-11-01 10:00:00+00\n/a,2026-11-01T11:00:00+01:00\n");
        assertThat(Loads.versions("clicks", "record_id")).isEqualTo(versions);
        assertThat(again.counts()).as("same records, other spelling").extracting("inserted", "unchanged")
                .containsExactly(0L, 2L);
        assertThat(TestDatabase.count("SELECT count(*) FROM clicks")).isEqualTo(2);

        Loads reordered = new Loads(dir, "name", "clicks", "key", "content-hash", "hash-columns", "url,clicked_at");
        LoadOutcome columnsSwapped = reordered.load("c2b.csv", "clicked_at,url\n2026-11-01T10:00:00Z,/a\n");
        assertThat(columnsSwapped.counts()).as("column order does not matter").extracting("inserted", "unchanged")
                .containsExactly(0L, 1L);

        TestDatabase.execute("INSERT INTO clicks SELECT * FROM clicks LIMIT 1");
        LoadOutcome guarded = loads.load("c3.csv", header + "/a,2026-11-01T10:00:00Z\n/b,2026-11-01T10:00:00Z\n"
                + "/c,2026-11-02T10:00:00Z\n");
        assertThat(guarded.status()).isEqualTo(RunStatus.FAILED);
        assertThat(guarded.error()).contains("post-verify failed", "1 key values of the file occur more than once");
        assertThat(TestDatabase.count("SELECT count(*) FROM clicks WHERE url = '/c'")).isZero();
    }

    @Test
    void rowsBelowTheWatermarkAreSkippedAndItMovesWithThePublish() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.readings",
                "CREATE TABLE public.readings (sensor int, at timestamptz, value int, PRIMARY KEY (sensor, at))");
        Loads loads = new Loads(dir, "name", "readings", "watermark-column", "at");
        String header = "sensor,at,value\n";
        loads.load("r1.csv", header + "1,2026-11-01T09:00:00Z,1\n1,2026-11-01T10:00:00Z,2\n");
        assertThat(watermarkIs("2026-11-01T10:00:00Z")).isTrue();

        LoadOutcome second = loads.load("r2.csv", header
                + "1,2026-11-01T08:00:00Z,9\n1,2026-11-01T10:00:00Z,3\n1,2026-11-01T11:00:00Z,4\n");
        assertThat(second.counts()).extracting("belowWatermark", "updated", "inserted").containsExactly(1L, 1L, 1L);
        assertThat(watermarkIs("2026-11-01T11:00:00Z")).isTrue();
        assertThat(TestDatabase.count("SELECT count(*) FROM readings WHERE value = 9")).isZero();

        LoadOutcome older = loads.load("r0.csv", header + "1,2026-11-01T07:00:00Z,0\n");
        assertThat(older.counts()).extracting("belowWatermark", "inserted").containsExactly(1L, 0L);
        assertThat(watermarkIs("2026-11-01T11:00:00Z")).as("never moves backwards").isTrue();

        LoadOutcome nullAt = loads.load("r3.csv", header + "2,,5\n");
        assertThat(nullAt.status()).as("a row without a watermark value cannot be placed").isEqualTo(RunStatus.FAILED);
    }

    @Test
    void onlyRowsThatArePublishedMoveTheWatermark() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.readings",
                "CREATE TABLE public.readings (sensor int, at timestamptz, value int, PRIMARY KEY (sensor))");
        Loads loads = new Loads(dir, "name", "readings", "mode", "insert-only", "watermark-column", "at");
        loads.load("a.csv", "sensor,at,value\n1,2026-11-01T09:00:00Z,1\n");
        LoadOutcome ignored = loads.load("b.csv", "sensor,at,value\n1,2026-11-05T09:00:00Z,2\n");
        assertThat(ignored.counts()).extracting("ignored", "inserted").containsExactly(1L, 0L);
        assertThat(watermarkIs("2026-11-01T09:00:00Z")).as("an ignored row is not published").isTrue();
        LoadOutcome later = loads.load("c.csv", "sensor,at,value\n2,2026-11-02T09:00:00Z,3\n");
        assertThat(later.counts()).extracting("inserted", "belowWatermark").containsExactly(1L, 0L);

        TestDatabase.execute("ALTER TABLE readings ADD COLUMN seq int");
        Loads bySeq = new Loads(dir, "name", "readings", "mode", "insert-only", "watermark-column", "seq");
        TestDatabase.execute("INSERT INTO onceload.watermark SELECT 'readings', 'at', '2026-11-02 09:00:00+00', run_id,"
                + " now() FROM onceload.run WHERE pipeline = 'readings' LIMIT 1");
        LoadOutcome switched = bySeq.load("d.csv", "sensor,at,value,seq\n3,2026-11-03T09:00:00Z,4,7\n");
        assertThat(switched.status()).as(switched.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(TestDatabase.rows("SELECT column_name, value FROM onceload.watermark WHERE pipeline = 'readings'"))
                .containsExactly(List.of("seq", "7"));
    }

    private static boolean watermarkIs(String instant) {
        return "t".equals(TestDatabase.scalar("SELECT value::timestamptz = '" + instant
                + "'::timestamptz FROM onceload.watermark WHERE pipeline = 'readings'"));
    }

    @Test
    void metadataColumnsAreFilledDeterministicallyAndKeptOnUnchangedRows() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.tracked", """
                CREATE TABLE public.tracked (id int PRIMARY KEY, v text, _source_file text, _source_line bigint,
                    _run_id uuid, _logical_date date, _first_loaded_at timestamptz)""");
        Loads loads = new Loads(dir, "name", "tracked");
        LoadOutcome first = loads.load("t1.csv", "id,v\n1,a\n2,b\n");
        List<List<String>> firstRows = TestDatabase.rows("SELECT id, _source_file, _source_line, _run_id::text,"
                + " _logical_date, _first_loaded_at IS NOT NULL FROM tracked ORDER BY id");
        assertThat(firstRows).containsExactly(
                List.of("1", "t1.csv", "2", first.runId().toString(), "2026-11-23", "t"),
                List.of("2", "t1.csv", "3", first.runId().toString(), "2026-11-23", "t"));
        String loadedAt = TestDatabase.scalar("SELECT _first_loaded_at FROM tracked WHERE id = 1");

        LoadOutcome second = loads.load("t2.csv", "id,v\n2,b\n1,changed\n");
        assertThat(second.counts()).extracting("updated", "unchanged").containsExactly(1L, 1L);
        assertThat(TestDatabase.rows("SELECT id, _source_file, _source_line, _run_id::text FROM tracked ORDER BY id"))
                .containsExactly(List.of("1", "t2.csv", "3", second.runId().toString()),
                        List.of("2", "t1.csv", "3", first.runId().toString()));
        assertThat(TestDatabase.scalar("SELECT _first_loaded_at FROM tracked WHERE id = 1")).isEqualTo(loadedAt);
    }
}
