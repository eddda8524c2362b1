package io.onceload.load;

import static io.onceload.testing.Names.csvLine;
import static io.onceload.testing.Names.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.config.PipelineSettingsParser;
import io.onceload.config.SettingsException;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Trigger;
import io.onceload.testing.Loads;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a configured name cannot say plainly: a '.' inside a name (SQL quotes), more than 63 bytes (a startup
 * error, never the table PostgreSQL's cut would pick), and two tables whose ad-hoc pipeline names would collide.
 */
class TableNameLimitsTest {

    /** 62 ASCII bytes and a 2-byte 'é': PostgreSQL cuts it to the 62 x's, which name another table. */
    private static final String CUT = "x".repeat(62) + "é";
    private static final String LONG = "c" + "é".repeat(31);

    @TempDir
    Path dir;

    private final PipelineRegistry registry = new PipelineRegistry(TestDatabase.dataSource());

    @BeforeEach
    void tables() {
        TestDatabase.execute("DROP SCHEMA IF EXISTS a CASCADE", "DROP SCHEMA IF EXISTS \"s.x\" CASCADE",
                "DROP TABLE IF EXISTS public.\"a.b\", public." + id("x".repeat(62)) + ", public.limits,"
                        + " public.\"Limits\", public.\"li mits\"",
                "CREATE SCHEMA a", "CREATE TABLE a.b (id int PRIMARY KEY, v text)",
                "CREATE TABLE public.\"a.b\" (id int PRIMARY KEY, v text)", "CREATE SCHEMA \"s.x\"",
                "CREATE TABLE \"s.x\".\"t.y\" (id int PRIMARY KEY, v text)",
                "CREATE TABLE public." + id(CUT) + " (id int PRIMARY KEY, " + id(LONG) + " text)");
    }

    private PipelineSettings register(String... parameters) {
        Map<String, Object> raw = new java.util.LinkedHashMap<>(Map.of("name", "limits",
                "inbox", dir.resolve("inbox").toString()));
        for (int i = 0; i < parameters.length; i += 2) {
            raw.put(parameters[i], parameters[i + 1]);
        }
        return registry.register(PipelineSettingsParser.parse(raw, dir));
    }

    @Test
    void aNameWithADotIsAddressedInSqlQuotesAndOtherwiseRefused() {
        register("name", "quoted", "table", "\"a.b\"");
        new Loads(dir, "name", "quoted", "table", "\"a.b\"").load("q.csv", csvLine("id", "v") + csvLine("1", "dot"));
        new Loads(dir, "name", "both", "table", "\"s.x\".\"t.y\"").load("s.csv", csvLine("id", "v")
                + csvLine("2", "s"));
        new Loads(dir, "name", "plain", "table", "a.b").load("p.csv", csvLine("id", "v") + csvLine("3", "schema a"));

        assertThat(TestDatabase.rows("SELECT id, v FROM public.\"a.b\"")).containsExactly(List.of("1", "dot"));
        assertThat(TestDatabase.rows("SELECT id, v FROM \"s.x\".\"t.y\"")).containsExactly(List.of("2", "s"));
        assertThat(TestDatabase.rows("SELECT id, v FROM a.b")).as("unquoted, the dot separates schema and table")
                .containsExactly(List.of("3", "schema a"));
        assertThatThrownBy(() -> register("table", "public.a.b")).isInstanceOf(SettingsException.class)
                .hasMessage("pipeline 'limits': table must be <table> or <schema>.<table> (more than one '.' outside"
                        + " quotes; a name that contains '.' goes in double quotes: sales.\"my.table\"),"
                        + " was 'public.a.b'");
        assertThatThrownBy(() -> register("table", "\"a.b")).hasMessageContaining("(a quote is not closed;");
        assertThatThrownBy(() -> register("table", "\"a\".b\"")).as("a quote inside an unquoted name is literal")
                .hasMessage("pipeline 'limits': table a.b\" does not exist");
    }

    @Test
    void aTableNameOverSixtyThreeBytesIsAStartupErrorNotTheTablePostgresCutsItTo() {
        assertThat(TestDatabase.count("SELECT count(*) FROM pg_class WHERE relname = repeat('x', 62)"))
                .as("PostgreSQL cut the name at a character boundary").isEqualTo(1);

        assertThatThrownBy(() -> register("table", CUT)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("table must be <table> or <schema>.<table> ('" + CUT
                        + "' is longer than 63 bytes, PostgreSQL's limit for a name;");
        assertThatThrownBy(() -> register("table", "public." + CUT)).hasMessageContaining("longer than 63 bytes");
        PipelineSettings cut = register("table", "x".repeat(62));
        assertThat(cut.table().table()).isEqualTo("x".repeat(62));
    }

    @Test
    void columnNamesOverSixtyThreeBytesMatchNothing() throws Exception {
        String table = "x".repeat(62);
        assertThatThrownBy(() -> register("table", table, "key", LONG + "x")).isInstanceOf(SettingsException.class)
                .hasMessageContaining("key column '" + LONG + "x' does not exist in table public." + table);
        assertThatThrownBy(() -> register("table", table, "mode", "replace-partitions", "partition-column",
                LONG + "é")).hasMessageContaining("column '" + LONG + "é' named in the pipeline does not exist");

        LoadOutcome longHeader = new Loads(dir, "name", "limits", "table", table).load("h.csv",
                csvLine("id", LONG + "é") + csvLine("1", "v"));

        assertThat(longHeader.status()).isEqualTo(RunStatus.FAILED);
        assertThat(longHeader.error()).contains("header '" + LONG + "é' matches no column of public." + table);
        assertThat(TestDatabase.count("SELECT count(*) FROM public." + id(table))).isZero();
    }

    @Test
    void adHocLoadsIntoTablesWhoseNamesDifferOnlyInCaseOrPunctuationNeverSkipEachOther() throws Exception {
        List<String> tables = List.of("limits", "Limits", "li mits");
        for (String table : tables.subList(1, 3)) {
            TestDatabase.execute("CREATE TABLE public." + id(table) + " (id int PRIMARY KEY, v text)");
        }
        TestDatabase.execute("CREATE TABLE public.limits (id int PRIMARY KEY, v text)",
                "DELETE FROM onceload.file_ledger WHERE pipeline LIKE 'adhoc-public-%'");
        Path file = Files.writeString(dir.resolve("same.csv"), csvLine("id", "v") + csvLine("1", "one"));
        FileLoader loader = new FileLoader(TestDatabase.dataSource());

        for (String table : tables) {
            PipelineSettings adHoc = registry.adHoc("public." + table, java.util.Map.of(), dir);
            LoadOutcome outcome = loader.load(new LoadRequest(adHoc, file, Trigger.CLI, LocalDate.of(2026, 11, 23)));
            assertThat(outcome.status()).as(table + ": " + outcome.error()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(TestDatabase.rows("SELECT id, v FROM public." + id(table))).containsExactly(List.of("1", "one"));
        }
    }
}
