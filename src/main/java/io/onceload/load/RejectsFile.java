package io.onceload.load;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code .rejected/<file>.rejects.csv}: one row per rejected record with file, line, column, reason and the
 * record itself. Created on the first reject and rewritten by every attempt, so a retry never doubles it.
 */
final class RejectsFile implements AutoCloseable {

    private final Path path;
    private final String fileName;
    private final char delimiter;
    private CsvWriter writer;
    private long count;

    RejectsFile(Path rejectedDir, String fileName, char delimiter) {
        this.path = rejectedDir.resolve(fileName + ".rejects.csv");
        this.fileName = fileName;
        this.delimiter = delimiter;
    }

    void reject(SourceRecord record, String column, String reason) throws IOException {
        if (writer == null) {
            Files.createDirectories(path.getParent());
            Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            writer = CsvWriter.builder().build(out);
            writer.writeRecord("file", "line", "column", "reason", "record");
        }
        writer.writeRecord(fileName, Long.toString(record.line()), column, reason, record.raw(delimiter));
        count++;
    }

    long count() {
        return count;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }
}
