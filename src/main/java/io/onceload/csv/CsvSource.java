package io.onceload.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.onceload.ledger.Sha256;
import java.io.BufferedReader;
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

    /**
     * The most characters one record may hold, so also one field: a record is held a few times over (parser
     * buffer, values, COPY line), which must stay well inside the launcher's {@code -Xmx512m}.
     */
    public static final int MAX_RECORD_CHARS = 16 * 1024 * 1024;
    /** The most fields one record may have; far above PostgreSQL's 1,600 columns per table. */
    public static final int MAX_FIELDS = 16_384;
    // the parser's buffer holds the field being read plus one read ahead: with this room it never runs out
    // before a field reaches MAX_RECORD_CHARS, so both limits are reported alike
    private static final int PARSER_HEADROOM = 64 * 1024;

    private final Path file;
    private final Charset encoding;
    private final MessageDigest digest = Sha256.newDigest();
    private final CountingInputStream counted;
    private final RecordHandler handler = new RecordHandler();
    private final CsvReader<SourceRecord> reader;
    private final Iterator<SourceRecord> records;
    private SourceRecord header;

    public CsvSource(Path file, Charset encoding, char delimiter) throws IOException {
        this(file, encoding, delimiter, false);
    }

    /**
     * @param rowNumbers number records by row (the header is row 0) instead of by line: a pulled result's rejects
     *     name the row of the query's result, whatever line breaks its values hold
     */
    public CsvSource(Path file, Charset encoding, char delimiter, boolean rowNumbers) throws IOException {
        this.file = file;
        handler.rowNumbers = rowNumbers;
        this.encoding = encoding;
        TextCheck.requireText(file, encoding);
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
            throw TextCheck.undecodable(file, encoding, e);
        }
        this.reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                .skipEmptyLines(true)
                .allowUnclosedQuote(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .maxBufferSize(MAX_RECORD_CHARS + PARSER_HEADROOM)
                .build(handler, buffered);
        this.records = reader.iterator();
    }

    /** The next record, or {@code null} at the end of the file. */
    public SourceRecord next() {
        try {
            SourceRecord record = records.hasNext() ? records.next() : null;
            header = header == null ? record : header;
            return record;
        } catch (CsvParseException e) {
            throw new BadFileException(file, describe(e));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException coding) {
                throw TextCheck.undecodable(file, encoding, coding);
            }
            throw e;
        }
    }

    /** The parser stopped inside the field after the ones the handler has: say where, and why in plain words. */
    private String describe(CsvParseException e) {
        int column = handler.fields.size() + 1;
        String name = header != null && column <= header.fields().length && header.fields()[column - 1] != null
                ? " (" + abbreviate(header.fields()[column - 1]) + ")" : "";
        String where = "at line " + handler.fieldLine() + ", column " + column + name;
        String message = String.valueOf(e.getMessage());
        if (e instanceof TooWide) {
            return "record too wide " + where + ": more than " + String.format("%,d", MAX_FIELDS)
                    + " fields, the most onceload reads in one record";
        }
        // FastCSV tells its own errors apart by their message only
        boolean bufferFull = message.startsWith("The maximum buffer size");
        if (e instanceof TooLong || bufferFull) {
            return "record too long " + where + ": more than " + String.format("%,d", MAX_RECORD_CHARS)
                    + " characters, the most onceload reads into memory for one record"
                    + (bufferFull ? " (or a quote opened in this field is never closed)" : "");
        }
        if (message.startsWith("Unclosed quoted field")) {
            return "malformed CSV " + where + ": the quote that opens this field is never closed";
        }
        return "malformed CSV " + where + ": " + message;
    }

    private static String abbreviate(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }

    public Path file() {
        return file;
    }

    /** Bytes taken from the file so far, ahead of the records returned by what the readers buffer. */
    public long bytesRead() {
        return counted.count();
    }

    /** SHA-256 of the bytes read; complete once {@link #next()} has returned {@code null}. */
    public String sha256() {
        return Sha256.hex(digest);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** A record over {@link #MAX_RECORD_CHARS}. */
    private static final class TooLong extends CsvParseException {
        TooLong() {
            super("record too long");
        }
    }

    /** A record over {@link #MAX_FIELDS}. */
    private static final class TooWide extends CsvParseException {
        TooWide() {
            super("record too wide");
        }
    }

    private static final class RecordHandler extends AbstractBaseCsvCallbackHandler<SourceRecord> {
        private final List<String> fields = new ArrayList<>();
        private long chars;
        private boolean rowNumbers;
        private long row = -1;

        @Override
        protected void handleBegin(long startingLineNumber) {
            fields.clear();
            chars = 0;
            row++;
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            chars += len;
            if (chars > MAX_RECORD_CHARS) {
                throw new TooLong();
            }
            if (fieldIdx >= MAX_FIELDS) {
                throw new TooWide();
            }
            fields.add(len == 0 && !quoted ? null : new String(buf, offset, len));
        }

        /** The line the field after {@link #fields} starts on: the record's line plus the breaks quoted before. */
        long fieldLine() {
            if (rowNumbers) {
                return row;
            }
            long line = getStartingLineNumber();
            for (String field : fields) {
                for (int i = 0; field != null && i < field.length(); i++) {
                    char c = field.charAt(i);
                    line += c == '\r' || c == '\n' && (i == 0 || field.charAt(i - 1) != '\r') ? 1 : 0;
                }
            }
            return line;
        }

        @Override
        protected SourceRecord buildRecord() {
            return new SourceRecord(rowNumbers ? row : getStartingLineNumber(), fields.toArray(String[]::new));
        }
    }
}
