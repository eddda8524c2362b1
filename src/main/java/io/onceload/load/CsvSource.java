package io.onceload.load;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.onceload.ledger.Sha256;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Streams the records of one CSV file with FastCSV: RFC 4180 quoting, CRLF, a leading byte-order mark, and the
 * quoted/unquoted distinction PostgreSQL's {@code COPY ... CSV} makes between empty string and NULL.
 */
public final class CsvSource implements AutoCloseable {

    private final Path file;
    private final MessageDigest digest = Sha256.newDigest();
    private final CountingInputStream counted;
    private final CsvReader<SourceRecord> reader;
    private final Iterator<SourceRecord> records;

    public CsvSource(Path file, Charset encoding, char delimiter) throws IOException {
        this.file = file;
        // REPORT instead of the JDK's silent U+FFFD replacement: a mis-declared encoding must fail loudly
        // the checksum of exactly the bytes parsed: a file rewritten after its first checksum is caught
        this.counted = new CountingInputStream(Files.newInputStream(file));
        InputStream bytes = new DigestInputStream(counted, digest);
        Reader decoded = new InputStreamReader(bytes, encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        BufferedReader buffered = new BufferedReader(decoded, 1 << 16);
        try {
            buffered.mark(1);
            if (buffered.read() != '\uFEFF') {
                buffered.reset();
            }
        } catch (CharacterCodingException e) {
            buffered.close();
            throw encodingError(file, e);
        }
        this.reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                .skipEmptyLines(true)
                .allowUnclosedQuote(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .build(new RecordHandler(), buffered);
        this.records = reader.iterator();
    }

    /** The next record, or {@code null} at the end of the file. */
    public SourceRecord next() {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (CsvParseException e) {
            throw new BadFileException(file, "malformed CSV: " + e.getMessage());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException coding) {
                throw encodingError(file, coding);
            }
            throw e;
        }
    }

    /** Bytes taken from the file so far, ahead of the records returned by what the readers buffer. */
    public long bytesRead() {
        return counted.count;
    }

    /** SHA-256 of the bytes read; complete once {@link #next()} has returned {@code null}. */
    public String sha256() {
        return Sha256.hex(digest);
    }

    private static BadFileException encodingError(Path file, CharacterCodingException e) {
        return new BadFileException(file, "bytes that are not valid in the declared encoding: " + e.getMessage()
                + " (check the pipeline's encoding parameter)");
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Counts on the reading thread only, so a plain field does: progress is read from that thread too. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += skipped;
            return skipped;
        }
    }

    private static final class RecordHandler extends AbstractBaseCsvCallbackHandler<SourceRecord> {
        private final List<String> fields = new ArrayList<>();

        @Override
        protected void handleBegin(long startingLineNumber) {
            fields.clear();
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            fields.add(len == 0 && !quoted ? null : new String(buf, offset, len));
        }

        @Override
        protected SourceRecord buildRecord() {
            return new SourceRecord(getStartingLineNumber(), fields.toArray(String[]::new));
        }
    }
}
