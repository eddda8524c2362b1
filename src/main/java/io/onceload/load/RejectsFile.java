package io.onceload.load;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.onceload.csv.SourceRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code .rejected/<file>.rejects.csv}: one row per rejected record with file, line, column, reason and the
 * record itself. Created on the first reject; an existing rejects file (an earlier file of the same name) is
 * never overwritten, the new one is then {@code <file>.rejects.2.csv}. The rows go to a hidden temporary file
 * that gets its name only when the load has an outcome ({@link #publish()}, just before the publish commits or
 * when the file fails), so an attempt cut short by a crash or a retried database error leaves no partial rejects
 * file under a real name, and the rows are on disk before the commit that counts them.
 */
final class RejectsFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RejectsFile.class);

    private final Path folder;
    private final String fileName;
    private final char delimiter;
    private Path temp;
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
            // unique per attempt: two processes may load the same content at once
            // short, whatever the file's name: a long name plus a UUID would exceed the file system's limit
            temp = folder.resolve(".rejects-" + UUID.randomUUID() + ".part");
            Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            writer = CsvWriter.builder().build(out);
            writer.writeRecord("file", "line", "column", "reason", "record");
        }
        writer.writeRecord(fileName, Long.toString(record.line()), column, reason, record.raw(delimiter));
        count++;
    }

    /** Forgets this attempt's rejects, before the same file is read again. */
    void reset() throws IOException {
        discard();
        count = 0;
    }

    /**
     * Forces the rows to disk and gives the file its name; call before the commit (or the failure report) that
     * refers to them. Nothing happens when nothing was rejected.
     *
     * @return the rejects file, or {@code null} when nothing was rejected
     */
    Path publish() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Path target = folder.resolve(FreeName.in(folder, fileName + ".rejects", ".csv"));
            path = Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        }
        return path;
    }

    long count() {
        return count;
    }

    /** The rejects file once published, or {@code null}. */
    Path path() {
        return path;
    }

    /** Deletes rows that were not published: the attempt ended without an outcome (a retry, or a skip). */
    @Override
    public void close() {
        try {
            discard();
        } catch (IOException e) {
            LOG.warn("{}: could not delete the temporary rejects file {}: {}", fileName, temp, e.getMessage());
        }
    }

    private void discard() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
            Files.deleteIfExists(temp);
            temp = null;
        }
    }
}
