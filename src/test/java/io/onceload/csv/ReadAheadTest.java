package io.onceload.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onceload.ledger.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing on its own thread hands over every record in order, then the end or the failure, and stops when told. */
class ReadAheadTest {

    @TempDir
    Path dir;

    private Path file(int rows, String tail) throws Exception {
        StringBuilder csv = new StringBuilder("id,note\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",\"n ").append(i).append(", quoted\"\n");
        }
        return Files.writeString(dir.resolve("f.csv"), csv.append(tail), StandardCharsets.UTF_8);
    }

    @Test
    void everyRecordArrivesInOrderAcrossBatchesAndTheChecksumIsComplete() throws Exception {
        int rows = ReadAhead.BATCH_RECORDS * (ReadAhead.QUEUED + 3) + 17;
        Path file = file(rows, "");
        try (CsvSource source = new CsvSource(file, StandardCharsets.UTF_8, ',')) {
            source.next();
            long expected = 1;
            try (ReadAhead records = ReadAhead.start(source, "f.csv")) {
                for (SourceRecord record = records.next(); record != null; record = records.next()) {
                    assertThat(record.fields()).containsExactly(Long.toString(expected), "n " + expected + ", quoted");
                    assertThat(record.line()).isEqualTo(expected + 1);
                    expected++;
                }
                assertThat(records.next()).isNull();
            }
            assertThat(expected - 1).isEqualTo(rows);
            assertThat(source.sha256()).isEqualTo(Sha256.of(file));
        }
    }

    @Test
    void aParseFailureComesAfterTheRecordsBeforeIt() throws Exception {
        Path file = file(3000, "3001,\"never closed\n");
        try (CsvSource source = new CsvSource(file, StandardCharsets.UTF_8, ',');
             ReadAhead records = start(source)) {
            int seen = 0;
            while (seen < 3000) {
                assertThat(records.next()).isNotNull();
                seen++;
            }
            assertThatThrownBy(records::next).isInstanceOf(BadFileException.class)
                    .hasMessageContaining("line 3002").hasMessageContaining("never closed");
        }
    }

    @Test
    void closingEarlyStopsTheReader() throws Exception {
        Path file = file(200_000, "");
        try (CsvSource source = new CsvSource(file, StandardCharsets.UTF_8, ',')) {
            ReadAhead records = start(source);
            assertThat(records.next().fields()[0]).isEqualTo("1");
            records.close();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("onceload-read early"));
        }
    }

    private static ReadAhead start(CsvSource source) {
        source.next();
        return ReadAhead.start(source, "early");
    }
}
