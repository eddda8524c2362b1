package io.onceload.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.table.BadValueException;
import io.onceload.table.Column;
import io.onceload.table.TableName;
import io.onceload.table.TargetTable;
import io.onceload.table.ValueConverter;
import io.onceload.testing.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The binary COPY stores exactly what the text COPY stores for the same canonical values: every edge the converter
 * lets through, plus random numbers, fractions and instants, loaded both ways and compared as values and as text.
 */
class CopyFormatsTest {

    private static final String COLUMNS = "id bigint PRIMARY KEY, s smallint, i integer, b bigint, n numeric,"
            + " n2 numeric(12,2), n0 numeric(5,0), r real, d double precision, t boolean, dt date, ts timestamp,"
            + " tz timestamptz, u uuid, tx text, vc varchar(5), ch char(3)";

    /** Per column after id, the fields to try; the converter decides which are loadable. */
    private static final List<List<String>> EDGES = List.of(
            List.of("0", "-32768", "32767", " 7 ", "+5", "-0"),
            List.of("0", "-2147483648", "2147483647", "00042"),
            List.of("0", "-9223372036854775808", "9223372036854775807", "1"),
            List.of("0", "0.000", "-0.00", "1.50", "1e5", "1.50e1", "1.5e-1", "-12345678901234567890.0001",
                    "0.00005", "100000000", "9999.9999", "10000", "0.1", "123456789.123456789", "1E+3", "-1e-20"),
            List.of("0", "1.005", "-1.005", "9999999999.99", "0.001", "-0.005", "12.3", "5"),
            List.of("0", "12345", "-99999", "0.5", "1.5", "-2.5"),
            List.of("0", "-0", "1.5", "3.4028235e38", "1e-45", "1.17549435e-38", "0.1", "NaN", "Infinity",
                    "-inf", "16777217", "1.", ".5"),
            List.of("0", "-0.0", "0.1", "1.7976931348623157e308", "4.9e-324", "2.2250738585072014e-308", "NaN",
                    "-Infinity", "123456789012345678", "1e23", "+1.5"),
            List.of("t", "f", "yes", "off", "1", "0", "TRUE"),
            List.of("2026-06-07", "0001-01-01", "9999-12-31", "2000-01-01", "1999-12-31", "1970-01-01",
                    "2024-02-29", "1582-10-10"),
            List.of("2026-06-07 10:31", "2026-06-07T10:31:44", "2026-06-07 10:31:44.5", "0001-01-01 00:00",
                    "9999-12-31 23:59:59.999999", "2026-06-07 10:31:44.0000005", "2026-06-07 10:31:44.0000015",
                    "2026-06-07 10:31:44.9999995", "1999-12-31 23:59:59.123456789", "1969-07-20 20:17:40.1"),
            List.of("2026-06-07T10:31:44Z", "2026-06-07 10:31:44+02:00", "2026-06-07T10:31:44.123456789Z",
                    "2026-06-07T10:31:44.0000005Z", "1999-12-31T23:59:59.9999995Z", "0001-01-01T00:00:00Z",
                    "2026-06-07T10:31", "1900-01-01T00:00:00-0530", "2026-03-29T02:30:00+01"),
            List.of("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "{a0eebc999c0b4ef8bb6d6bb9bd380a11}",
                    "00000000-0000-0000-0000-000000000000"),
            List.of("", "plain", "tab\there", "new\nline", "back\\slash", "\\N", "ünïcødé", "𝄞 clef", "\r\n"),
            List.of("", "abc", "abcde", "abcde   ", "äöü", "𝄞𝄞"),
            List.of("", "a", "abc", "ab ", "abc  ", "é"));

    private static final java.time.format.DateTimeFormatter SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    @Test
    void binaryAndTextStoreTheSameValues() throws Exception {
        List<String[]> fields = new ArrayList<>();
        for (int c = 0; c < EDGES.size(); c++) {
            for (String value : EDGES.get(c)) {
                fields.add(only(c, value));
            }
            fields.add(only(c, null));
        }
        Random random = new Random(20261123);
        for (int k = 0; k < 20_000; k++) {
            fields.add(randomRow(random));
        }
        try (Connection connection = TestDatabase.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : List.of("copy_formats_text", "copy_formats_binary")) {
                statement.execute("DROP TABLE IF EXISTS " + table);
                statement.execute("CREATE TABLE " + table + " (" + COLUMNS + ")");
            }
            List<Column> columns = TargetTable.resolve(connection, TableName.parse("copy_formats_text"),
                    List.of("id")).columns();
            assertThat(CopyRows.binary(columns)).isTrue();
            List<String[]> rows = canonical(columns, fields);
            assertThat(rows).hasSizeGreaterThan(20_000);

            assertThat(copy(connection, "copy_formats_text", columns, rows, false)).isEqualTo(rows.size());
            assertThat(copy(connection, "copy_formats_binary", columns, rows, true)).isEqualTo(rows.size());

            assertThat(count(statement, "SELECT * FROM copy_formats_text EXCEPT ALL SELECT * FROM copy_formats_binary"))
                    .isZero();
            assertThat(count(statement, "SELECT * FROM copy_formats_binary EXCEPT ALL SELECT * FROM copy_formats_text"))
                    .isZero();
            // equal values can still differ in display (1.5 and 1.50, 0 and -0): compare the text too
            assertThat(count(statement, "SELECT 1 FROM copy_formats_text as_text"
                    + " JOIN copy_formats_binary as_binary USING (id) WHERE as_text::text <> as_binary::text")).isZero();
            assertThat(count(statement, "SELECT 1 FROM copy_formats_binary")).isEqualTo(rows.size());
        }
    }

    private static String[] only(int column, String value) {
        String[] row = new String[EDGES.size()];
        row[column] = value;
        return row;
    }

    private static String[] randomRow(Random random) {
        String fraction = Long.toString(Math.abs(random.nextLong()) % 1_000_000_000L);
        String digits = fraction.substring(0, 1 + random.nextInt(fraction.length()));
        return new String[] {
            Integer.toString((short) random.nextInt()), Integer.toString(random.nextInt()),
            Long.toString(random.nextLong()),
            (random.nextBoolean() ? "-" : "") + Math.abs(random.nextLong() >> random.nextInt(63)) + "." + digits,
            random.nextInt(100_000_000) + "." + digits, Integer.toString(random.nextInt(99_999)),
            Float.toString(Float.intBitsToFloat(random.nextInt())), random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) + "",
            random.nextBoolean() ? "t" : "f",
            java.time.LocalDate.ofEpochDay(random.nextInt(2_900_000) - 719_000).toString(),
            java.time.LocalDateTime.ofEpochSecond(random.nextInt(Integer.MAX_VALUE) - 1_500_000_000L, 0,
                    java.time.ZoneOffset.UTC).format(SECONDS) + "." + digits.substring(0, Math.min(6, digits.length())),
            java.time.Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE) - 1_000_000_000L) + "",
            java.util.UUID.randomUUID().toString(), Long.toHexString(random.nextLong()),
            Integer.toString(random.nextInt(99_999)), Integer.toString(random.nextInt(999))};
    }

    /** Rows the converter accepts, as canonical text, each with its id first. */
    private static List<String[]> canonical(List<Column> columns, List<String[]> fields) {
        List<String[]> rows = new ArrayList<>();
        for (String[] row : fields) {
            String[] converted = new String[columns.size()];
            converted[0] = Integer.toString(rows.size() + 1);
            try {
                for (int c = 1; c < columns.size(); c++) {
                    converted[c] = ValueConverter.convert(columns.get(c), row[c - 1]);
                }
            } catch (BadValueException e) {
                continue;
            }
            rows.add(converted);
        }
        return rows;
    }

    private static long copy(Connection connection, String table, List<Column> columns, List<String[]> rows,
                             boolean binary) throws SQLException, IOException {
        PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                "COPY " + table + " FROM STDIN" + (binary ? " (FORMAT binary)" : ""));
        CopyRows out = binary ? new BinaryRows(copy, columns) : new TextRows(copy, columns);
        for (String[] row : rows) {
            out.row(row);
        }
        out.finish();
        return copy.endCopy();
    }

    private static long count(Statement statement, String query) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM (" + query + ") q")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
