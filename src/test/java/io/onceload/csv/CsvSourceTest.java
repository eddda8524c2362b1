package io.onceload.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {

    private static final Charset UTF_8 = StandardCharsets.UTF_8;

    @TempDir
    Path dir;

    private Path file(byte[] content) throws IOException {
        return Files.write(dir.resolve("data.csv"), content);
    }

    private Path file(String content) throws IOException {
        return file(content.getBytes(UTF_8));
    }

    private static List<SourceRecord> readAll(Path file, Charset encoding, char delimiter) throws IOException {
        List<SourceRecord> records = new ArrayList<>();
        try (CsvSource source = new CsvSource(file, encoding, delimiter)) {
            for (SourceRecord record = source.next(); record != null; record = source.next()) {
                records.add(record);
            }
            assertThat(source.next()).isNull();
        }
        return records;
    }

    private static List<SourceRecord> readAll(Path file) throws IOException {
        return readAll(file, UTF_8, ',');
    }

    private static List<Long> lines(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::line).toList();
    }

    @Test
    void quotedDelimiterDoubledQuotesAndNewlineInsideQuotes() throws IOException {
        List<SourceRecord> records = readAll(file(
                "id,name\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,x\n"));

        assertThat(records).extracting(SourceRecord::fields).containsExactly(
                new String[] {"id", "name"}, new String[] {"1", "a,b"}, new String[] {"2", "say \"hi\""},
                new String[] {"3", "two\nlines"}, new String[] {"4", "x"});
        // the quoted line break moves record 4 from line 5 to line 6
        assertThat(lines(records)).containsExactly(1L, 2L, 3L, 4L, 6L);
    }

    @Test
    void crlfLineEndingsAreNotPartOfTheLastField() throws IOException {
        List<SourceRecord> records = readAll(file("id,name\r\n1,a\r\n\r\n2,\"b\r\nc\"\r\n3,d"));

        assertThat(records).extracting(SourceRecord::fields).containsExactly(new String[] {"id", "name"},
                new String[] {"1", "a"}, new String[] {"2", "b\r\nc"}, new String[] {"3", "d"});
        // the blank line is skipped but still counted
        assertThat(lines(records)).containsExactly(1L, 2L, 4L, 6L);
    }

    @Test
    void utf8ByteOrderMarkIsStrippedFromTheFirstHeaderName() throws IOException {
        List<SourceRecord> records = readAll(file("\uFEFFid,name\n1,a\n"));

        assertThat(records.get(0).fields()).containsExactly("id", "name");
        assertThat(records.get(0).fields()[0]).hasSize(2);
    }

    @Test
    void multibyteUtf8IsDecoded() throws IOException {
        List<SourceRecord> records = readAll(file("city,emoji\nZürich,😀\n東京,\"👍🏽, ok\"\n"));

        assertThat(records).extracting(SourceRecord::fields).containsExactly(new String[] {"city", "emoji"},
                new String[] {"Zürich", "😀"}, new String[] {"東京", "👍🏽, ok"});
    }

    @Test
    void unquotedEmptyFieldIsNullAndQuotedEmptyFieldIsEmptyString() throws IOException {
        List<SourceRecord> records = readAll(file("a,b,c\n,\"\",x\n\"\",y,\n"));

        assertThat(records.get(1).fields()).containsExactly(null, "", "x");
        assertThat(records.get(2).fields()).containsExactly("", "y", null);
    }

    @Test
    void semicolonDelimiterLeavesCommasAlone() throws IOException {
        List<SourceRecord> records = readAll(file("amount;note\n1,5;\"a;b\"\n"), UTF_8, ';');

        assertThat(records.get(1).fields()).containsExactly("1,5", "a;b");
    }

    @Test
    void iso88591IsDecodedAsDeclared() throws IOException {
        List<SourceRecord> records = readAll(file("name\nä\n".getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1, ',');

        assertThat(records.get(1).fields()).containsExactly("ä");
    }

    @Test
    void invalidUtf8InASmallFileIsABadFileNamingTheEncoding() throws IOException {
        Path latin1 = file("name\nä\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> readAll(latin1))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("data.csv")
                .hasMessageContaining("not valid in the declared encoding")
                .hasMessageContaining("encoding parameter");
    }

    @Test
    void invalidUtf8AfterTheFirstBufferIsABadFileNamingTheEncoding() throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("name\n".getBytes(UTF_8));
        for (int i = 0; i < 20_000; i++) {
            content.writeBytes(("row" + i + "\n").getBytes(UTF_8));
        }
        content.writeBytes(new byte[] {(byte) 0xC3, '(', '\n'});
        Path bad = file(content.toByteArray());

        assertThatThrownBy(() -> readAll(bad))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("data.csv")
                .hasMessageContaining("not valid in the declared encoding")
                .hasMessageContaining("encoding parameter");
    }

    @Test
    void unclosedQuoteAtEndOfFileIsABadFileNamingTheLine() throws IOException {
        Path unclosed = file("a,b\n1,2\n3,\"open\nstill open\n");

        assertThatThrownBy(() -> readAll(unclosed))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("data.csv")
                .hasMessageContaining("malformed CSV")
                .hasMessageContaining("line 3");
    }

    @Test
    void recordsWithDifferingFieldCountsAreReturnedAsIs() throws IOException {
        List<SourceRecord> records = readAll(file("a,b\n1\n1,2,3\n1,2\n"));

        assertThat(records).map(record -> record.fields().length).containsExactly(2, 1, 3, 2);
        assertThat(records.get(2).fields()).containsExactly("1", "2", "3");
    }

    @Test
    void emptyFileHasNoRecords() throws IOException {
        assertThat(readAll(file(""))).isEmpty();
        assertThat(readAll(file("\uFEFF"))).isEmpty();
    }

    @Test
    void rawRequotesFieldsSoTheyParseBackTheSame() throws IOException {
        List<SourceRecord> records = readAll(file("a,b,c,d,e,f\n,\"\",\"x,y\",\"q\"\"q\",\"l\nm\",plain\n"));
        String raw = records.get(1).raw(',');

        assertThat(raw).isEqualTo(",\"\",\"x,y\",\"q\"\"q\",\"l\nm\",plain");
        Path again = Files.writeString(dir.resolve("again.csv"), raw + "\n");
        assertThat(readAll(again).get(0).fields()).containsExactly(records.get(1).fields());
    }

    @Test
    void rawQuotesOnlyForTheGivenDelimiter() {
        SourceRecord record = new SourceRecord(7, new String[] {"1,5", "a;b", "cr\rhere", null, "z"});

        assertThat(record.raw(';')).isEqualTo("1,5;\"a;b\";\"cr\rhere\";;z");
        assertThat(record.raw(',')).isEqualTo("\"1,5\",a;b,\"cr\rhere\",,z");
    }
}
