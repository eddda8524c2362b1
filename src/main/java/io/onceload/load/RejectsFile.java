package io.onceload.load;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code .rejected/<file>.rejects.csv}: one row per rejected record with file, line, column, reason and the
 * record itself. Created on the first reject; an existing rejects file (an earlier file of the same name) is
 * never overwritten, the new one is then {@code <file>.rejects.2.csv}.
 */
final class RejectsFile implements AutoCloseable {

    private final Path folder;
    private final String fileName;
    private final char delimiter;
    private Path path;
    private CsvWriter writer;
    private long count;

    RejectsFile(Path rejectedDir, String fileName, char delimiter) {
        this.folder = rejectedDir;
        this.fileName = fileName;
        this.delimiter = delimiter;
    }

    void reject(SourceRecord record, String column, String reason) throws IOException {
        if (writer == null) {
            Files.createDirectories(folder);
            path = folder.resolve(FreeName.in(folder, fileName + ".rejects", ".csv"));
            Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            writer = CsvWriter.builder().build(out);
            writer.writeRecord("file", "line", "column", "reason", "record");
        }
        writer.writeRecord(fileName, Long.toString(record.line()), column, reason, record.raw(delimiter));
        count++;
    }

    /** Forgets this attempt's rejects (its own file only), before the same file is read again. */
    void reset() throws IOException {
        if (writer != null) {
            writer.close();
            Files.deleteIfExists(path);
        }
        writer = null;
        path = null;
        count = 0;
    }

    long count() {
        return count;
    }

    /** The rejects file, or {@code null} while nothing was rejected. */
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
