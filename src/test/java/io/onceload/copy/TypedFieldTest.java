package io.onceload.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.table.BadValueException;
import io.onceload.table.Column;
import io.onceload.table.ColumnKind;
import io.onceload.table.ValueConverter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A field the typed reading takes is one the converter returns unchanged, and its binary field is byte for byte
 * the one written from the converter's text (which CopyFormatsTest proves the server stores as the text COPY does).
 */
class TypedFieldTest {

    private static final Random RANDOM = new Random(20261207);

    @Test
    void integersTakenAreTheConvertersAndWriteTheSameBytes() {
        List<String> fields = new ArrayList<>(List.of("0", "-0", "00", "1", "-1", "+1", "007", "32767", "32768",
                "-32768", "-32769", "2147483647", "2147483648", "-2147483648", "-2147483649", "123456789012345678",
                "1234567890123456789", "9223372036854775807", "-9223372036854775808", "", " 1", "1 ", "1.0", "1e3",
                "٣", "-", "--1", "12a"));
        for (int i = 0; i < 20_000; i++) {
            fields.add(Long.toString(RANDOM.nextLong() >> RANDOM.nextInt(64)));
        }
        for (ColumnKind kind : List.of(ColumnKind.SMALLINT, ColumnKind.INTEGER, ColumnKind.BIGINT)) {
            assertAgree(column(kind, kind.name().toLowerCase()), fields);
        }
    }

    @Test
    void datesTakenAreTheConvertersAndWriteTheSameBytes() {
        List<String> fields = new ArrayList<>(List.of("2026-06-07", "0001-01-01", "9999-12-31", "0000-01-01",
                "2000-01-01", "1999-12-31", "1970-01-01", "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29",
                "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01", "2026/01/01",
                "20260101", "2026-01-0a", "1582-10-10", " 2026-01-01"));
        for (int i = 0; i < 20_000; i++) {
            fields.add(String.format("%04d-%02d-%02d", RANDOM.nextInt(10_000), RANDOM.nextInt(14),
                    RANDOM.nextInt(33)));
        }
        assertAgree(column(ColumnKind.DATE, "date"), fields);
    }

    @Test
    void instantsTakenAreTheConvertersAndWriteTheSameBytes() {
        List<String> fields = new ArrayList<>(List.of("2026-06-07T10:31:44Z", "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z", "2000-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2026-06-07T24:00:00Z",
                "2026-06-07T23:60:00Z", "2026-06-07T23:59:60Z", "2026-02-29T10:00:00Z", "2024-02-29T10:00:00Z",
                "2026-06-07 10:31:44Z", "2026-06-07T10:31:44", "2026-06-07T10:31:44.5Z", "0000-12-31T23:59:59Z"));
        for (int i = 0; i < 20_000; i++) {
            fields.add(String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", RANDOM.nextInt(10_000), RANDOM.nextInt(14),
                    RANDOM.nextInt(33), RANDOM.nextInt(26), RANDOM.nextInt(62), RANDOM.nextInt(62)));
        }
        assertAgree(column(ColumnKind.TIMESTAMPTZ, "timestamptz"), fields);
    }

    @Test
    void kindsWithoutATypedReadingTakeNothing() {
        long[] parsed = new long[1];
        assertThat(TypedField.of(column(ColumnKind.NUMERIC, "numeric")).read("1", parsed, 0)).isFalse();
        assertThat(TypedField.of(column(ColumnKind.TEXT, "text")).read("1", parsed, 0)).isFalse();
        assertThat(TypedField.of(column(ColumnKind.BIGINT, "bigint")).read(null, parsed, 0)).isFalse();
    }

    private static void assertAgree(Column column, List<String> fields) {
        TypedField typing = TypedField.of(column);
        long[] parsed = new long[1];
        int taken = 0;
        for (String field : fields) {
            if (!typing.read(field, parsed, 0)) {
                continue;
            }
            taken++;
            String canonical;
            try {
                canonical = ValueConverter.convert(column, field);
            } catch (BadValueException e) {
                throw new AssertionError(column.sqlType() + " '" + field + "' was taken but the converter refuses it: "
                        + e.getMessage());
            }
            assertThat(canonical).as(column.sqlType() + " '" + field + "'").isEqualTo(field);
            BinaryValue typed = new BinaryValue(64);
            typing.write(typed, parsed[0]);
            BinaryValue text = new BinaryValue(64);
            text.value(column, canonical);
            assertThat(Arrays.copyOf(typed.bytes(), typed.size())).as(column.sqlType() + " '" + field + "'")
                    .isEqualTo(Arrays.copyOf(text.bytes(), text.size()));
        }
        assertThat(taken).as("fields taken of " + fields.size()).isGreaterThan(fields.size() / 10);
    }

    private static Column column(ColumnKind kind, String sqlType) {
        return new Column("c", kind, sqlType, -1, -1, -1, false, false, false);
    }
}
