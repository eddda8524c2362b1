package io.onceload.load;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.BufferedReader;
import io.onceload.ledger.Sha256;
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
    private final CsvReader<SourceRecord> reader;
    private final Iterator<SourceRecord> records;

    public CsvSource(Path file, Charset encoding, char delimiter) throws IOException {
        this.file = file;
        // REPORT instead of the JDK's silent U+FFFD replacement: a mis-declared encoding must fail loudly
        // the checksum of exactly the bytes parsed: a file rewritten after its first checksum is caught
        InputStream bytes = new DigestInputStream(Files.newInputStream(file), digest);
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
