package io.onceload.load;

import static io.onceload.csv.CsvSource.MAX_FIELDS;
import static io.onceload.csv.CsvSource.MAX_RECORD_CHARS;
import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.config.PipelineSettingsParser;
import io.onceload.csv.CsvSource;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Trigger;
import io.onceload.testing.LoaderProcess;
import io.onceload.testing.Orders;
import io.onceload.testing.TestDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files built to exhaust memory (a 100 MB field, a 10,000-column header, records at and over
 * {@link CsvSource#MAX_RECORD_CHARS}) fail cleanly, or load, in a JVM with the launcher's heap.
 */
class BadInputLimitsTest {

    private static final String HEADER = "order_id,customer_id,order_date,status,total_amount,currency,updated_at";
    private static final String REST_OF_ROW = ",11,2026-11-02,open,7.00,EUR,2026-11-02T10:00:00Z\n";

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Orders.reset();
        TestDatabase.execute("DROP TABLE IF EXISTS public.big_text",
                "CREATE TABLE public.big_text (id int PRIMARY KEY, body text)");
    }

    @Test
    void hugeFieldsAndHeadersFailCleanlyUnderTheLaunchersHeap() throws Exception {
        Path field = write("field-100mb.csv", out -> {
            out.write(HEADER + "\n");
            String megabyte = "x".repeat(1 << 20);
            for (int i = 0; i < 100; i++) {
                out.write(megabyte);
            }
            out.write(REST_OF_ROW);
        });
        Path header = write("header-10k.csv", out -> {
            out.write(HEADER);
            out.write(IntStream.rangeClosed(8, 10_000).mapToObj(i -> ",extra_" + i).collect(Collectors.joining()));
            out.write("\n" + "1,".repeat(9_999) + "1\n");
        });
        // the id's one character plus the body make exactly MAX_RECORD_CHARS, and one more; "ä" keeps strings at two
        // bytes a character and the tab doubles in COPY text: the costliest record to hold in memory
        Path atLimit = write("at-limit.csv", out -> out.write("id,body\n1," + body(MAX_RECORD_CHARS - 1) + "\n"));
        Path overLimit = write("over-limit.csv", out -> out.write("id,body\n1," + body(MAX_RECORD_CHARS) + "\n"));

        List<String> outcomes = LoaderProcess.load(dir, "orders", field.toString(), "orders", header.toString(),
                "big_text", atLimit.toString(), "big_text", overLimit.toString());

        assertThat(Long.parseLong(outcomes.get(0))).as("child max heap").isLessThanOrEqualTo(512L << 20);
        assertThat(outcomes.subList(1, outcomes.size())).containsExactly(
                "failed\t0\tfield-100mb.csv: record too long at line 2, column 1 (order_id): more than 16,777,216"
                        + " characters, the most onceload reads into memory for one record (or a quote opened in"
                        + " this field is never closed)",
                "failed\t0\theader-10k.csv: header 'extra_8', 'extra_9', 'extra_10', 'extra_11', 'extra_12',"
                        + " 'extra_13', 'extra_14', 'extra_15', 'extra_16', 'extra_17' and 9,983 more of its 10,000"
                        + " columns match no column of public.orders (columns: order_id, customer_id, order_date,"
                        + " status, total_amount, currency, updated_at)",
                "published\t0\tnull",
                "failed\t0\tover-limit.csv: record too long at line 2, column 2 (body): more than 16,777,216"
                        + " characters, the most onceload reads into memory for one record");
        assertThat(Orders.count()).isZero();
        assertThat(TestDatabase.rows("SELECT id, length(body) FROM big_text"))
                .containsExactly(List.of("1", Integer.toString(MAX_RECORD_CHARS - 1)));
        assertThat(TestDatabase.rows("SELECT pipeline, file_name FROM onceload.file_ledger"))
                .containsExactly(List.of("big_text", "at-limit.csv"));
        assertThat(TestDatabase.rows("SELECT file_name, status FROM onceload.run ORDER BY file_name")).containsExactly(
                List.of("at-limit.csv", "published"), List.of("field-100mb.csv", "failed"),
                List.of("header-10k.csv", "failed"), List.of("over-limit.csv", "failed"));
    }

    @Test
    void aRecordWithMoreFieldsThanTheLimitFailsTheFile() throws Exception {
        Path wide = write("wide.csv", out -> out.write(HEADER + "\n" + "1,".repeat(MAX_FIELDS) + "1\n"));
        var pipeline = PipelineSettingsParser.parse(Map.of("name", "orders", "inbox", dir.resolve("inbox").toString()),
                dir);
        LoadOutcome outcome = new FileLoader(TestDatabase.dataSource())
                .load(new LoadRequest(pipeline, wide, Trigger.CLI, LocalDate.of(2026, 11, 23)));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).isEqualTo("wide.csv: record too wide at line 2, column 16385: more than 16,384"
                + " fields, the most onceload reads in one record");
        assertThat(Orders.count()).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger")).isZero();
    }

    private static String body(int chars) {
        return "ä\t".repeat(chars / 2) + (chars % 2 == 1 ? "ä" : "");
    }

    private interface Content {
        void writeTo(BufferedWriter out) throws IOException;
    }

    private Path write(String name, Content content) throws IOException {
        Path file = dir.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            content.writeTo(out);
        }
        return file;
    }
}
