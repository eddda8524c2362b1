package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceload.config.PipelineSettingsParser;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Trigger;
import io.onceload.testing.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each CSV edge case is a fixture file under src/test/resources/csv with the rows it must produce. */
class CsvFixtureTest {

    private static final Path FIXTURES = Path.of("src/test/resources/csv");

    @TempDir
    Path dir;

    @BeforeEach
    void table() {
        TestDatabase.execute("DROP TABLE IF EXISTS public.fixture",
                "CREATE TABLE public.fixture (id int PRIMARY KEY, name text, amount numeric(10,2) NOT NULL)",
                "DELETE FROM onceload.file_ledger WHERE pipeline = 'fixture'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"quoted-delimiter", "doubled-quotes", "newline-in-quotes", "crlf", "utf8-bom",
            "multibyte", "null-vs-empty"})
    void fixtureLoadsToItsExpectedRows(String fixture) throws Exception {
        var settings = PipelineSettingsParser.parse(
                Map.of("name", "fixture", "inbox", dir.resolve("inbox").toString()), dir);
        LoadOutcome outcome = new FileLoader(TestDatabase.dataSource()).load(new LoadRequest(settings,
                FIXTURES.resolve(fixture + ".csv"), Trigger.CLI, LocalDate.of(2026, 11, 23)));

        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        @SuppressWarnings("unchecked")
        List<List<String>> expected = new ObjectMapper().readValue(FIXTURES.resolve(fixture + ".expected.json")
                .toFile(), List.class);
        assertThat(TestDatabase.rows("SELECT id, name FROM fixture ORDER BY id")).isEqualTo(expected);
        assertThat(outcome.counts().inserted()).isEqualTo(expected.size());
    }
}
