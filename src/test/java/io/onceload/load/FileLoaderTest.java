package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.config.PipelineSettings;
import io.onceload.config.PipelineSettingsParser;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Trigger;
import io.onceload.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader on a real PostgreSQL: CSV edge cases, typing, duplicates, rejects and hostile input. */
class FileLoaderTest {

    @TempDir
    Path dir;

    private final FileLoader loader = new FileLoader(TestDatabase.dataSource());

    @BeforeEach
    void table() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.edge", """
                CREATE TABLE public.edge (
                    id int PRIMARY KEY, name text, note varchar(10), amount numeric(10,2) NOT NULL,
                    active boolean, day date, at timestamptz, ref uuid, created timestamptz NOT NULL DEFAULT now())""",
                "DELETE FROM onceload.file_ledger WHERE pipeline = 'edge'",
                "DELETE FROM onceload.run WHERE pipeline = 'edge'");
    }

    private LoadOutcome load(String name, byte[] content, String... parameters) throws Exception {
        Map<String, Object> raw = new LinkedHashMap<>(Map.of("name", "edge", "inbox", dir.resolve("inbox").toString()));
        for (int i = 0; i < parameters.length; i += 2) {
            raw.put(parameters[i], parameters[i + 1]);
        }
        PipelineSettings settings = PipelineSettingsParser.parse(raw, dir);
        Path file = Files.write(dir.resolve(name), content);
        return loader.load(new LoadRequest(settings, file, Trigger.CLI, LocalDate.of(2026, 11, 23)));
    }

    private LoadOutcome load(String name, String content, String... parameters) throws Exception {
        return load(name, content.getBytes(StandardCharsets.UTF_8), parameters);
    }

    private static List<List<String>> rows() {
        return TestDatabase.rows("SELECT id, name, note, amount, active, day, at, ref FROM edge ORDER BY id");
    }

    private List<String> rejects(String file) throws Exception {
        return Files.readAllLines(dir.resolve("inbox/.rejected/" + file + ".rejects.csv"));
    }

    @Test
    void csvEdgeCasesArriveValueForValue() throws Exception {
        String csv = "\uFEFFid,name,note,amount,active,day,at,ref\r\n"
                + "1,\"Smith, John\",\"say \"\"hi\"\"\",12.50,true,2026-11-01,2026-11-01 10:00:00+01:00,"
                + "6F9619FF-8B86-D011-B42D-00C04FC964FF\r\n"
                + "2,\"two\r\nlines\",,0.005,f,2026-02-28,2026-11-01T10:00:00Z,\r\n"
                + "3,\"\",\"\",-7,yes,,2026-11-01T10:00:00,\r\n"
                + "4,Zürich 東京 😀,ä,1e2,0,2024-02-29,,\r\n";
        LoadOutcome outcome = load("edge.csv", csv);

        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(outcome.counts().inserted()).isEqualTo(4);
        assertThat(rows()).containsExactly(
                List.of("1", "Smith, John", "say \"hi\"", "12.50", "t", "2026-11-01", "2026-11-01 09:00:00+00",
                        "6f9619ff-8b86-d011-b42d-00c04fc964ff"),
                java.util.Arrays.asList("2", "two\r\nlines", null, "0.01", "f", "2026-02-28", "2026-11-01 10:00:00+00", null),
                java.util.Arrays.asList("3", "", "", "-7.00", "t", null, "2026-11-01 10:00:00+00", null),
                java.util.Arrays.asList("4", "Zürich 東京 😀", "ä", "100.00", "f", "2024-02-29", null, null));
    }

    @Test
    void headersMatchCaseInsensitivelyAndThroughAnExplicitMapping() throws Exception {
        LoadOutcome outcome = load("h.csv", "ID,Name ,Betrag\n1,a,2.5\n", "header-mapping", "Betrag=amount");
        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(TestDatabase.rows("SELECT id, name, amount FROM edge")).containsExactly(List.of("1", "a", "2.50"));
    }

    @Test
    void aKeyTwiceInOneFileKeepsTheLastLine() throws Exception {
        LoadOutcome outcome = load("dup.csv", "id,name,amount\n1,first,1\n2,other,2\n1,last,3\n1,really last,4\n");
        assertThat(outcome.status()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(TestDatabase.rows("SELECT id, name, amount FROM edge ORDER BY id"))
                .containsExactly(List.of("1", "really last", "4.00"), List.of("2", "other", "2.00"));
        assertThat(outcome.counts().duplicates()).isEqualTo(2);
        assertThat(outcome.counts().inserted()).isEqualTo(2);
        assertThat(outcome.counts().rowsRead()).isEqualTo(4);
    }

    @Test
    void badRowsWithinMaxRejectsPublishTheGoodRowsAndListTheBadOnes() throws Exception {
        String csv = "id,name,note,amount\n1,ok,,1\n2,bad amount,,abc\n3,ok,,3\n4,too long,12345678901,4\n5,short\n";
        LoadOutcome outcome = load("bad.csv", csv, "max-rejects", "3");

        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(outcome.counts().rejected()).isEqualTo(3);
        assertThat(outcome.counts().inserted()).isEqualTo(2);
        assertThat(TestDatabase.rows("SELECT id FROM edge ORDER BY id")).containsExactly(List.of("1"), List.of("3"));
        assertThat(TestDatabase.rows("SELECT status, rejected, inserted FROM onceload.run WHERE pipeline = 'edge'"))
                .containsExactly(List.of("published", "3", "2"));
        assertThat(rejects("bad.csv")).containsExactly(
                "file,line,column,reason,record",
                "bad.csv,3,amount,\"not a valid numeric(10,2): 'abc'\",\"2,bad amount,,abc\"",
                "bad.csv,5,note,value too long for character varying(10): 11 characters,\"4,too long,12345678901,4\"",
                "bad.csv,6,,\"expected 4 fields, found 2\",\"5,short\"");
    }

    @Test
    void moreBadRowsThanMaxRejectsPublishNothing() throws Exception {
        load("good.csv", "id,name,amount\n1,kept,1\n");
        String csv = "id,name,amount\n1,changed,10\n2,x,\n3,y,not a number\n";
        LoadOutcome outcome = load("bad.csv", csv, "max-rejects", "1");

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("2 rejected rows exceed max-rejects 1");
        assertThat(TestDatabase.rows("SELECT id, name, amount FROM edge")).containsExactly(List.of("1", "kept", "1.00"));
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger WHERE pipeline = 'edge'")).isEqualTo(1);
        assertThat(rejects("bad.csv")).hasSize(3).anySatisfy(line -> assertThat(line).contains("null in NOT NULL column"));
        assertThat(TestDatabase.rows("SELECT status, rejected FROM onceload.run WHERE file_name = 'bad.csv'"))
                .containsExactly(List.of("failed", "2"));
    }

    @Test
    void aHostileHeaderNeverReachesSql() throws Exception {
        LoadOutcome outcome = load("evil.csv", "id,\"x\"\"; DROP TABLE orders; --\",amount\n1,boom,1\n");
        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("'x\"; DROP TABLE orders; --' matches no column of public.edge");
        assertThat(TestDatabase.count("SELECT count(*) FROM pg_tables WHERE tablename = 'orders'")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM edge")).isZero();
    }

    @Test
    void aFileWithoutARequiredColumnFailsBeforeAnyWrite() throws Exception {
        LoadOutcome outcome = load("missing.csv", "id,name\n1,a\n");
        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("lacks column(s) amount");
    }

    @Test
    void headerOnlyPublishesZeroRowsAndAnEmptyFileFails() throws Exception {
        LoadOutcome headerOnly = load("header.csv", "id,name,amount\r\n");
        assertThat(headerOnly.status()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(headerOnly.counts().inserted()).isZero();

        LoadOutcome empty = load("empty.csv", "");
        assertThat(empty.status()).isEqualTo(RunStatus.FAILED);
        assertThat(empty.error()).contains("the file is empty: no header row");
    }

    @Test
    void theSameContentIsSkippedWhateverItsName() throws Exception {
        LoadOutcome first = load("a.csv", "id,amount\n1,1\n");
        LoadOutcome again = load("b.csv", "id,amount\n1,1\n");
        assertThat(again.status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(again.runId()).isEqualTo(first.runId());
        assertThat(first.runId()).isEqualTo(io.onceload.ledger.RunRecord.publishedRunId("edge", first.sha256()));
    }

    @Test
    void anExplicitKeyWorksOnATableWithoutPrimaryKey() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.nokey",
                "CREATE TABLE public.nokey (code text NOT NULL, region text NOT NULL, qty int)");
        LoadOutcome first = load("k.csv", "code,region,qty\na,eu,1\na,us,2\n", "table", "nokey", "key", "code,region");
        LoadOutcome second = load("k2.csv", "code,region,qty\na,eu,5\nb,eu,1\n", "table", "nokey", "key", "code,region");
        assertThat(first.counts().inserted()).isEqualTo(2);
        assertThat(second.counts()).extracting("inserted", "updated", "unchanged").containsExactly(1L, 1L, 0L);
        assertThat(TestDatabase.rows("SELECT code, region, qty FROM nokey ORDER BY code, region")).containsExactly(
                List.of("a", "eu", "5"), List.of("a", "us", "2"), List.of("b", "eu", "1"));
    }

    @Test
    void aFileOfOnlyTheKeyColumnInsertsPlainValues() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.tags",
                "CREATE TABLE public.tags (name text PRIMARY KEY, created timestamptz NOT NULL DEFAULT now())");
        LoadOutcome outcome = load("tags.csv", "name\nred\ngreen\n", "table", "tags");
        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(TestDatabase.rows("SELECT name FROM tags ORDER BY name")).containsExactly(List.of("green"), List.of("red"));
    }

    @Test
    void aColumnWhoseNameIsHostileSqlIsLoadedAsOneQuotedIdentifier() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.weird",
                "CREATE TABLE public.weird (id int PRIMARY KEY, \"x\"\"; DROP TABLE orders; --\" text)");
        LoadOutcome outcome = load("w.csv", "id,\"x\"\"; DROP TABLE orders; --\"\n1,boom\n", "table", "weird");
        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(TestDatabase.rows("SELECT * FROM weird")).containsExactly(List.of("1", "boom"));
        assertThat(TestDatabase.count("SELECT count(*) FROM pg_tables WHERE tablename = 'orders'")).isEqualTo(1);
    }

    @Test
    void typesWithoutEqualityAreComparedAsText() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.docs",
                "CREATE TABLE public.docs (id int PRIMARY KEY, body json, tags text[])");
        load("d1.csv", "id,body,tags\n1,\"{\"\"a\"\": 1}\",\"{x,y}\"\n2,\"{}\",\n", "table", "docs");
        LoadOutcome second = load("d2.csv", "id,body,tags\n1,\"{\"\"a\"\": 2}\",\"{x,y}\"\n2,\"{}\",\n", "table", "docs");
        assertThat(second.status()).as(second.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(second.counts()).extracting("updated", "unchanged").containsExactly(1L, 1L);
        assertThat(TestDatabase.scalar("SELECT body::text FROM docs WHERE id = 1")).isEqualTo("{\"a\": 2}");
    }

    @Test
    void aNullKeyIsARejectAndAMissingKeyColumnFailsTheFile() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS public.nullable_key",
                "CREATE TABLE public.nullable_key (code text, qty int)");
        LoadOutcome outcome = load("n.csv", "code,qty\na,1\n,2\n", "table", "nullable_key", "key", "code",
                "max-rejects", "1");
        assertThat(outcome.counts()).extracting("inserted", "rejected").containsExactly(1L, 1L);
        assertThat(rejects("n.csv")).contains("n.csv,3,code,null in key column,\",2\"");

        LoadOutcome noKey = load("k.csv", "name,amount\nx,1\n");
        assertThat(noKey.status()).isEqualTo(RunStatus.FAILED);
        assertThat(noKey.error()).contains("lacks column(s) id");
    }

    @Test
    void rejectsOfAnEarlierFileWithTheSameNameAreKept() throws Exception {
        load("same.csv", "id,amount\n1,x\n", "max-rejects", "5");
        load("same.csv", "id,amount\n2,y\n", "max-rejects", "5");
        assertThat(rejects("same.csv")).anySatisfy(l -> assertThat(l).contains("'x'"));
        assertThat(Files.readAllLines(dir.resolve("inbox/.rejected/same.csv.rejects.2.csv")))
                .anySatisfy(l -> assertThat(l).contains("'y'"));
    }

    @Test
    void twoLoadersPublishingTheSameContentAtOnceWriteItOnce() throws Exception {
        byte[] csv = "id,amount\n1,1\n2,2\n3,3\n".getBytes(StandardCharsets.UTF_8);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> load("x.csv", csv));
            var second = pool.submit(() -> load("y.csv", csv));
            assertThat(List.of(first.get().status(), second.get().status()))
                    .containsExactlyInAnyOrder(RunStatus.PUBLISHED, RunStatus.SKIPPED);
        } finally {
            pool.shutdown();
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM edge")).isEqualTo(3);
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger WHERE pipeline = 'edge'")).isEqualTo(1);
    }

    @Test
    void aFirstLoadWithADuplicateKeyFallsBackToStagingWithoutDoublingItsRejects() throws Exception {
        LoadOutcome outcome = load("dup-first.csv", "id,name,amount\n1,first,1\n2,bad,x\n1,last,3\n",
                "max-rejects", "1");
        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(outcome.counts()).extracting("inserted", "rejected", "duplicates").containsExactly(1L, 1L, 1L);
        assertThat(TestDatabase.rows("SELECT id, name FROM edge")).containsExactly(List.of("1", "last"));
        assertThat(rejects("dup-first.csv")).hasSize(2);
        assertThat(dir.resolve("inbox/.rejected/dup-first.csv.rejects.2.csv")).doesNotExist();
    }
}
