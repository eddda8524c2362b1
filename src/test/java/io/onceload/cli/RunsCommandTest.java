package io.onceload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceload.testing.Cli;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run history as the CLI prints it, from rows written straight into onceload.run. */
class RunsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    /** Other tests share the database and write runs too, so every test reads only its own pipelines. */
    private final String pipeline = "runs-" + UUID.randomUUID().toString().substring(0, 8);

    private String out;
    private String err;

    @BeforeEach
    void setUp() throws Exception {
        Cli.configure(home);
    }

    @Test
    void jsonPrintsEveryColumnOfEachRunNewestFirst() throws Exception {
        UUID published = insert(pipeline, "schedule", "2026-11-23", "published", "orders-1.csv", "a".repeat(64),
                new long[] {10, 5, 2, 1, 3, 4, 6, 7, 8, 9}, null, "2026-11-23T08:00:00Z", "2026-11-23T08:00:02.5Z");
        UUID skipped = insert(pipeline, "inbox", "2026-11-24", "skipped", "orders-1.csv", "a".repeat(64),
                new long[10], null, "2026-11-24T08:00:00Z", "2026-11-24T08:00:01Z");
        UUID failed = insert(pipeline, "jmx", "2026-11-25", "failed", "bad.csv", "b".repeat(64),
                new long[10], "column 'x' matches nothing", "2026-11-25T08:00:00Z", "2026-11-25T08:00:01Z");
        insert(pipeline + "-other", "cli", "2026-11-26", "published", "o.csv", "c".repeat(64), new long[10], null,
                "2026-11-26T08:00:00Z", "2026-11-26T08:00:01Z");

        assertThat(run("runs", pipeline, "--json")).as(err).isZero();
        List<JsonNode> runs = jsonLines();
        assertThat(runs).extracting(r -> r.get("run_id").asText())
                .containsExactly(failed.toString(), skipped.toString(), published.toString());
        List<String> names = new ArrayList<>();
        runs.get(2).fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("run_id", "pipeline", "logical_date", "trigger", "instance", "scheduled_at",
                "status", "started_at", "finished_at", "file", "sha256", "rows_read", "inserted", "updated", "unchanged",
                "rejected", "duplicates", "ignored", "deleted", "stale", "below_watermark", "error", "tasks");
        assertThat(runs.get(2)).isEqualTo(JSON.readTree(("{'run_id': '%s', 'pipeline': '%s', 'logical_date':"
                + " '2026-11-23', 'trigger': 'schedule', 'instance': null, 'scheduled_at': null,"
                + " 'status': 'published',"
                + " 'started_at': '2026-11-23T08:00:00Z',"
                + " 'finished_at': '2026-11-23T08:00:02.500Z', 'file': 'orders-1.csv', 'sha256': '%s', 'rows_read': 10,"
                + " 'inserted': 5, 'updated': 2, 'unchanged': 1, 'rejected': 3, 'duplicates': 4, 'ignored': 6,"
                + " 'deleted': 7, 'stale': 8, 'below_watermark': 9, 'error': null, 'tasks': []}")
                .formatted(published, pipeline, "a".repeat(64)).replace('\'', '"')));
        assertThat(runs.get(0).get("error").asText()).isEqualTo("column 'x' matches nothing");
        assertThat(runs.get(1).get("trigger").asText()).isEqualTo("inbox");
    }

    @Test
    void limitKeepsTheNewestAndRunIdBreaksATie() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            ids.add(insert(pipeline, "schedule", "2026-11-0" + day, "published", "f" + day + ".csv", "d".repeat(64),
                    new long[10], null, "2026-11-0" + day + "T08:00:00Z", "2026-11-0" + day + "T08:00:01Z"));
        }
        UUID tie = insert(pipeline, "cli", "2026-11-05", "skipped", "f5.csv", "d".repeat(64), new long[10], null,
                "2026-11-05T08:00:00Z", "2026-11-05T08:00:01Z");
        List<String> tied = Stream.of(ids.get(4), tie).map(UUID::toString).sorted(Comparator.reverseOrder()).toList();

        assertThat(run("runs", pipeline, "--json", "--limit", "3")).as(err).isZero();
        assertThat(jsonLines()).extracting(r -> r.get("run_id").asText())
                .containsExactly(tied.get(0), tied.get(1), ids.get(3).toString());
        assertThat(run("runs", pipeline, "--json")).isZero();
        assertThat(jsonLines()).hasSize(6);
    }

    @Test
    void withoutAPipelineEveryPipelineIsListed() throws Exception {
        // far in the future, so no other test's runs are newer than these two
        UUID first = insert(pipeline + "-a", "inbox", "2999-01-01", "published", "a.csv", "e".repeat(64),
                new long[10], null, "2999-01-01T00:00:00Z", "2999-01-01T00:00:01Z");
        UUID second = insert(pipeline + "-b", "cli", "2999-01-02", "published", "b.csv", "e".repeat(64),
                new long[10], null, "2999-01-02T00:00:00Z", "2999-01-02T00:00:01Z");
        assertThat(run("runs", "--json", "--limit", "2")).as(err).isZero();
        assertThat(jsonLines()).extracting(r -> r.get("run_id").asText())
                .containsExactly(second.toString(), first.toString());
    }

    @Test
    void aMissingInputRunWithoutFileOrShaPrintsInBothFormats() throws Exception {
        insert(pipeline, "schedule", "2026-11-23", "missing-input", null, null, new long[10], null,
                "2026-11-23T06:00:00Z", "2026-11-23T06:00:00.2Z");
        assertThat(run("runs", pipeline, "--json")).as(err).isZero();
        JsonNode run = jsonLines().get(0);
        assertThat(run.get("status").asText()).isEqualTo("missing-input");
        assertThat(run.get("file").isNull()).isTrue();
        assertThat(run.get("sha256").isNull()).isTrue();
        assertThat(run.get("inserted").asLong()).isZero();

        assertThat(run("runs", pipeline)).as(err).isZero();
        assertThat(rowsOf(pipeline)).singleElement().asString()
                .matches("2026-11-23 06:00Z +" + pipeline + " +2026-11-23 +schedule +missing-input +- +0/0/0/0"
                        + " +0\\.2s");
    }

    @Test
    void theTableShowsOneLinePerRunWithTheErrorShortened() throws Exception {
        insert(pipeline, "cli", "2026-11-23", "published", "orders.csv", "f".repeat(64),
                new long[] {109, 100, 2, 3, 4, 0, 0, 0, 0, 0}, null, "2026-11-23T08:00:00Z", "2026-11-23T08:02:05Z");
        String error = "COPY failed: value too long\n  Where: line 7, column name\n"
                + "\tat org.postgresql.Foo.bar(Foo.java:1)\n\tat org.postgresql.Foo.baz(Foo.java:2)";
        insert(pipeline, "inbox", "2026-11-24", "failed", "bad.csv", "0".repeat(64), new long[10], error,
                "2026-11-24T08:00:00Z", "2026-11-24T09:03:00Z");

        assertThat(run("runs", pipeline)).as(err).isZero();
        String[] lines = out.split("\\R");
        assertThat(lines[0]).matches("STARTED +PIPELINE +LOGICAL DATE +TRIGGER +STATUS +FILE +INS/UPD/UNCH/REJ"
                + " +DURATION +ERROR");
        assertThat(lines).hasSize(3);
        List<String> rows = rowsOf(pipeline);
        assertThat(rows.get(0)).matches(".* failed +bad\\.csv +0/0/0/0 +1h03m +COPY failed: value too long Where: line"
                + " 7, column name at o…");
        assertThat(RunsTable.oneLine(error, RunsTable.ERROR_WIDTH)).hasSize(RunsTable.ERROR_WIDTH);
        assertThat(rows.get(1)).matches("2026-11-23 08:00Z .* published +orders\\.csv +100/2/3/4 +2m05s");
        // aligned: every column starts at the same offset on every line
        assertThat(rows.get(0).indexOf(" inbox ") + 1).isEqualTo(lines[0].indexOf("TRIGGER"));
        assertThat(rows.get(1).indexOf("orders.csv")).isEqualTo(lines[0].indexOf("FILE"));
    }

    @Test
    void aLimitBelowOneIsRejected() {
        assertThat(run("runs", pipeline, "--limit", "0")).isEqualTo(2);
        assertThat(err).contains("--limit must be >= 1, was 0");
        assertThat(out).isEmpty();
    }

    @Test
    void aPipelineWithoutRunsSaysSoAndNamesThePipelinesThatHaveRuns() throws Exception {
        insert(pipeline, "cli", "2026-11-23", "published", "a.csv", "1".repeat(64), new long[10], null,
                "2026-11-23T08:00:00Z", "2026-11-23T08:00:01Z");
        assertThat(run("runs", pipeline + "-typo")).as(err).isZero();
        assertThat(out).startsWith("no runs for pipeline '" + pipeline + "-typo'; pipelines with runs: ");
        assertThat(run("runs", pipeline + "-typo", "--json")).isZero();
        assertThat(out).isEmpty();
        assertThat(err).startsWith("no runs for pipeline '" + pipeline + "-typo'");
    }

    private int run(String... args) {
        Cli result = Cli.run(home, args);
        out = result.out();
        err = result.err();
        return result.status();
    }

    private List<JsonNode> jsonLines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.strip().split("\\R")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** The table's data lines of one pipeline, in printed order. */
    private List<String> rowsOf(String name) {
        return out.lines().filter(line -> line.contains(" " + name + " ")).toList();
    }

    /** @param counts rows_read, inserted, updated, unchanged, rejected, duplicates, ignored, deleted, stale, below */
    private static UUID insert(String pipeline, String trigger, String logicalDate, String status, String file,
                               String sha256, long[] counts, String error, String started, String finished)
            throws SQLException {
        UUID id = UUID.randomUUID();
        String sql = "INSERT INTO onceload.run (run_id, pipeline, trigger, logical_date, status, target_table,"
                + " file_name, sha256, rows_read, inserted, updated, unchanged, rejected, duplicates, ignored, deleted,"
                + " stale, below_watermark, error, started_at, finished_at)"
                + " VALUES (?, ?, ?, ?, ?, 'public.t', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        List<Object> values = new ArrayList<>(Arrays.asList(id, pipeline, trigger, LocalDate.parse(logicalDate), status,
                file, sha256));
        LongStream.of(counts).forEach(values::add);
        values.addAll(Arrays.asList(error, OffsetDateTime.parse(started), OffsetDateTime.parse(finished)));
        try (Connection connection = TestDatabase.dataSource().getConnection();
             PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                st.setObject(i + 1, values.get(i));
            }
            st.executeUpdate();
        }
        return id;
    }
}
