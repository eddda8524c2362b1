package io.onceload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.config.PipelineSettingsParser;
import io.onceload.ledger.RunStatus;
import io.onceload.ledger.Trigger;
import io.onceload.testing.Orders;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each hostile file under src/test/resources/bad meets its documented outcome, and a failed one publishes nothing. */
class BadInputTest {

    private static final Path BAD = Path.of("src/test/resources/bad");
    private static final String ROW_1 = "1,10,2026-11-01,paid,12.50,EUR,2026-11-01T10:00:00Z";

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Orders.reset();
    }

    private LoadOutcome load(String fixture, String... parameters) {
        return load(BAD.resolve(fixture), parameters);
    }

    private LoadOutcome load(Path file, String... parameters) {
        Map<String, Object> raw = new LinkedHashMap<>(Map.of("name", "orders",
                "inbox", dir.resolve("inbox").toString()));
        for (int i = 0; i < parameters.length; i += 2) {
            raw.put(parameters[i], parameters[i + 1]);
        }
        return new FileLoader(TestDatabase.dataSource()).load(new LoadRequest(PipelineSettingsParser.parse(raw, dir),
                file, Trigger.CLI, LocalDate.of(2026, 11, 23)));
    }

    /** Failed with exactly this error, into an empty table (the direct path, which COPYs into the target itself). */
    private void assertFails(String fixture, String error, String... parameters) {
        LoadOutcome outcome = load(fixture, parameters);
        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).isEqualTo(fixture + ": " + error);
        assertThat(Orders.count()).as("rows visible after a failed load").isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger")).isZero();
        assertThat(TestDatabase.rows("SELECT status, error FROM onceload.run"))
                .containsExactly(List.of("failed", fixture + ": " + error));
    }

    @Test
    void raggedRowsAreRejectsWithTheirFieldCounts() throws Exception {
        LoadOutcome outcome = load("ragged.csv", "max-rejects", "2");

        assertThat(outcome.status()).as(outcome.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(outcome.counts()).extracting("rowsRead", "inserted", "rejected").containsExactly(4L, 2L, 2L);
        assertThat(TestDatabase.rows("SELECT order_id FROM orders ORDER BY 1"))
                .containsExactly(List.of("1"), List.of("4"));
        assertThat(Files.readAllLines(dir.resolve("inbox/.rejected/ragged.csv.rejects.csv"))).containsExactly(
                "file,line,column,reason,record",
                "ragged.csv,3,,\"expected 7 fields, found 6\",\"2,11,2026-11-02,open,7.00,EUR\"",
                "ragged.csv,4,,\"expected 7 fields, found 8\","
                        + "\"3,12,2026-11-03,paid,1.00,EUR,2026-11-03T10:00:00Z,extra\"");
    }

    @Test
    void raggedRowsBeyondMaxRejectsPublishNothing() {
        LoadOutcome outcome = load("ragged.csv");
        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).isEqualTo("2 rejected rows exceed max-rejects 0; nothing was published; see "
                + dir.resolve("inbox/.rejected/ragged.csv.rejects.csv"));
        assertThat(Orders.count()).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger")).isZero();
    }

    @Test
    void anUnclosedQuoteNamesTheLineAndColumnItOpensIn() {
        assertFails("unclosed-quote.csv",
                "malformed CSV at line 3, column 4 (status): the quote that opens this field is never closed");
    }

    @Test
    void anUnclosedQuoteLeavesAFilledTableAsItWas() throws Exception {
        Path good = Files.writeString(dir.resolve("good.csv"), "order_id,customer_id,order_date,status,total_amount,"
                + "currency,updated_at\n" + ROW_1.replace("paid", "kept") + "\n");
        load(good);
        List<List<String>> before = Orders.snapshot();

        LoadOutcome outcome = load("unclosed-quote.csv");
        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(Orders.snapshot()).isEqualTo(before).extracting(row -> row.get(3)).containsExactly("kept");
        assertThat(TestDatabase.count("SELECT count(*) FROM onceload.file_ledger")).isEqualTo(1);
    }

    @Test
    void invalidUtf8NamesTheLineOffsetAndBytes() {
        assertFails("invalid-utf8.csv", "bytes that are not valid in the declared encoding UTF-8 at line 3"
                + " (byte offset 142): 0xC3 in '2,11,2026-11-02,op\\xC3(n,7.00,EUR,2026-11-02T10:00:00Z';"
                + " check the pipeline's encoding parameter (files saved by Excel or other Windows programs are often"
                + " windows-1252)");
    }

    @Test
    void latin1BytesFailAsUtf8AndLoadWhenDeclared() {
        assertFails("latin1.csv", "bytes that are not valid in the declared encoding UTF-8 at line 2"
                + " (byte offset 91): 0xE9 in '1,10,2026-11-01,pay\\xE9,12.50,EUR,2026-11-01T10:00:00Z';"
                + " check the pipeline's encoding parameter (files saved by Excel or other Windows programs are often"
                + " windows-1252)");

        LoadOutcome declared = load("latin1.csv", "encoding", "ISO-8859-1");
        assertThat(declared.status()).as(declared.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(TestDatabase.scalar("SELECT status FROM orders")).isEqualTo("payé");
    }

    @Test
    void utf16WithAByteOrderMarkAsksForItsEncodingAndLoadsWithIt() {
        assertFails("utf16-bom.csv", "the file starts with a UTF-16LE byte-order mark (bytes ff fe) but the"
                + " pipeline's encoding is UTF-8: set encoding: UTF-16");

        LoadOutcome declared = load("utf16-bom.csv", "encoding", "UTF-16");
        assertThat(declared.status()).as(declared.error()).isEqualTo(RunStatus.PUBLISHED);
        assertThat(Orders.snapshot()).containsExactly(
                List.of("1", "10", "2026-11-01", "paid", "12.50", "EUR", "2026-11-01 10:00:00+00"));
    }

    @Test
    void duplicateHeaderNamesNameBothColumns() {
        assertFails("duplicate-header.csv",
                "headers 'status' (column 4) and 'status' (column 8) both map to column status");
    }

    @Test
    void anEmptyHeaderNameNamesItsColumn() {
        assertFails("empty-header.csv", "header column 8 has no name");
    }

    @Test
    void onlyAByteOrderMarkIsAnEmptyFile() {
        assertFails("only-bom.csv", "the file is empty: no header row");
    }

    @Test
    void aBinaryFileIsCalledBinary() {
        assertFails("binary.csv", "the file holds binary data, not CSV text: a NUL byte at line 3 (byte offset 8);"
                + " UTF-16 or UTF-32 text without a byte-order mark needs encoding: UTF-16LE, UTF-16BE, …");
    }

    @Test
    void aZipArchiveSuchAsAWorkbookIsCalledAnArchive() throws Exception {
        Path zip = dir.resolve("book.csv");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("xl/workbook.xml"));
            out.write("<workbook/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        LoadOutcome outcome = load(zip);
        assertThat(outcome.error()).isEqualTo("book.csv: the file is a ZIP archive (it starts with 'PK', as an Excel"
                + " .xlsx workbook does), not CSV text: extract the CSV, or save the sheet as CSV");
        assertThat(Orders.count()).isZero();
    }

    @Test
    void aGzipFileIsCalledCompressed() {
        assertFails("gzip.csv", "the file is gzip-compressed (it starts with bytes 1f 8b), not CSV text: decompress"
                + " it (gunzip) and load the CSV inside");
    }
}
