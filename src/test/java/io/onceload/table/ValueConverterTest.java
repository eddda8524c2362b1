package io.onceload.table;

import static io.onceload.table.ValueConverter.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueConverterTest {

    private static final Column SMALLINT = column(ColumnKind.SMALLINT, "smallint");
    private static final Column INTEGER = column(ColumnKind.INTEGER, "integer");
    private static final Column BIGINT = column(ColumnKind.BIGINT, "bigint");
    private static final Column NUMERIC_12_2 = sized(ColumnKind.NUMERIC, "numeric(12,2)", -1, 12, 2);
    private static final Column NUMERIC = column(ColumnKind.NUMERIC, "numeric");
    private static final Column REAL = column(ColumnKind.REAL, "real");
    private static final Column DOUBLE = column(ColumnKind.DOUBLE, "double precision");
    private static final Column BOOLEAN = column(ColumnKind.BOOLEAN, "boolean");
    private static final Column DATE = column(ColumnKind.DATE, "date");
    private static final Column TIMESTAMP = column(ColumnKind.TIMESTAMP, "timestamp without time zone");
    private static final Column TIMESTAMPTZ = column(ColumnKind.TIMESTAMPTZ, "timestamp with time zone");
    private static final Column UUID = column(ColumnKind.UUID, "uuid");
    private static final Column TEXT = column(ColumnKind.TEXT, "text");
    private static final Column VARCHAR_3 = sized(ColumnKind.VARCHAR, "character varying(3)", 3, -1, -1);
    private static final Column CHAR_2 = sized(ColumnKind.CHAR, "character(2)", 2, -1, -1);

    private static Column column(ColumnKind kind, String sqlType) {
        return sized(kind, sqlType, -1, -1, -1);
    }

    private static Column sized(ColumnKind kind, String sqlType, int length, int precision, int scale) {
        return new Column("c", kind, sqlType, length, precision, scale, false, false, false);
    }

    private static void assertRejected(Column column, String value, String... reason) {
        assertThatThrownBy(() -> convert(column, value))
                .isInstanceOf(BadValueException.class)
                .hasMessageContainingAll(reason);
    }

    @Test
    void integerTypesAcceptTheirWholeRangeAndCanonicalise() throws Exception {
        assertThat(convert(SMALLINT, "-32768")).isEqualTo("-32768");
        assertThat(convert(SMALLINT, "32767")).isEqualTo("32767");
        assertThat(convert(INTEGER, "-2147483648")).isEqualTo("-2147483648");
        assertThat(convert(INTEGER, "2147483647")).isEqualTo("2147483647");
        assertThat(convert(BIGINT, "-9223372036854775808")).isEqualTo("-9223372036854775808");
        assertThat(convert(BIGINT, "9223372036854775807")).isEqualTo("9223372036854775807");
        assertThat(convert(INTEGER, " +0042 ")).isEqualTo("42");
    }

    @Test
    void integerTypesRejectValuesBeyondTheirRange() {
        assertRejected(SMALLINT, "32768", "out of range", "smallint", "32768");
        assertRejected(SMALLINT, "-32769", "out of range", "smallint");
        assertRejected(INTEGER, "2147483648", "out of range", "integer", "2147483648");
        assertRejected(INTEGER, "-2147483649", "out of range", "integer");
        // beyond long: not an overflow Java can see, but still rejected and naming the type
        assertRejected(BIGINT, "9223372036854775808", "bigint", "9223372036854775808");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.0", "1e3", "12abc", "0x10", " ", "1 000"})
    void integerRejectsGarbage(String value) {
        assertRejected(INTEGER, value, "not a valid integer", "'" + value + "'");
    }

    @ParameterizedTest
    @CsvSource({"1.005, 1.01", "-1.005, -1.01", "1.004, 1.00", "2.5, 2.50", "1.5e3, 1500.00", "1E-3, 0.00",
                "' 7 ', 7.00", "9999999999.994, 9999999999.99"})
    void numericRoundsHalfAwayFromZeroToTheDeclaredScale(String value, String expected) throws Exception {
        assertThat(convert(NUMERIC_12_2, value)).isEqualTo(expected);
    }

    @Test
    void numericRejectsTooManyIntegerDigitsIncludingByRounding() {
        assertRejected(NUMERIC_12_2, "12345678901", "out of range", "numeric(12,2)");
        assertRejected(NUMERIC_12_2, "9999999999.995", "out of range", "numeric(12,2)");
        assertRejected(NUMERIC_12_2, "1e10", "out of range");
        assertRejected(NUMERIC_12_2, "1,5", "not a valid numeric(12,2)", "'1,5'");
        assertRejected(NUMERIC_12_2, "abc", "not a valid numeric(12,2)");
    }

    @Test
    void unconstrainedNumericKeepsScaleAndExpandsExponents() throws Exception {
        assertThat(convert(NUMERIC, "1.5e3")).isEqualTo("1500");
        assertThat(convert(NUMERIC, "1e-3")).isEqualTo("0.001");
        assertThat(convert(NUMERIC, "123.4500")).isEqualTo("123.4500");
    }

    @Test
    void numericRejectsHugeExponentsQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertRejected(NUMERIC_12_2, "1e999999999", "out of range", "numeric(12,2)");
            assertRejected(NUMERIC_12_2, "1e100000000", "out of range", "numeric(12,2)");
            assertRejected(NUMERIC, "1e999999999", "numeric");
        });
    }

    @Test
    void floatingPointKeepsTheTextAndSpellsSpecialValuesCanonically() throws Exception {
        assertThat(convert(REAL, " 1.5 ")).isEqualTo("1.5");
        assertThat(convert(REAL, "3.4e38")).isEqualTo("3.4e38");
        assertThat(convert(DOUBLE, "-.5E-3")).isEqualTo("-.5E-3");
        assertThat(convert(DOUBLE, "1e39")).isEqualTo("1e39");
        assertThat(convert(REAL, "nan")).isEqualTo("NaN");
        assertThat(convert(DOUBLE, "NaN")).isEqualTo("NaN");
        assertThat(convert(REAL, "inf")).isEqualTo("Infinity");
        assertThat(convert(DOUBLE, "+Infinity")).isEqualTo("Infinity");
        assertThat(convert(DOUBLE, "-infinity")).isEqualTo("-Infinity");
    }

    @Test
    void floatingPointRejectsOverflowAndGarbage() {
        assertRejected(REAL, "1e39", "out of range for real", "1e39");
        assertRejected(REAL, "-1e39", "out of range for real");
        assertRejected(DOUBLE, "1e309", "out of range for double precision");
        assertRejected(REAL, "0x10", "not a valid real", "'0x10'");
        assertRejected(DOUBLE, "1d", "not a valid double precision");
        assertRejected(DOUBLE, "1,5", "not a valid double precision");
    }

    @Test
    void floatingPointRejectsUnderflowToZero() {
        assertRejected(REAL, "1e-50", "out of range for real");
        assertRejected(DOUBLE, "1e-400", "out of range for double precision");
    }

    @ParameterizedTest
    @CsvSource({"true, t", "TRUE, t", "t, t", "yes, t", "Y, t", "on, t", "1, t", "' true ', t",
                "false, f", "F, f", "no, f", "n, f", "OFF, f", "0, f"})
    void booleanAcceptsPostgresSpellings(String value, String expected) throws Exception {
        assertThat(convert(BOOLEAN, value)).isEqualTo(expected);
    }

    @Test
    void booleanRejectsOtherWordsAndListsTheSpellings() {
        assertRejected(BOOLEAN, "maybe", "not a valid boolean", "'maybe'", "true/false", "1/0");
        assertRejected(BOOLEAN, "2", "not a valid boolean");
    }

    @Test
    void dateAcceptsOnlyValidIsoDates() throws Exception {
        assertThat(convert(DATE, "2024-02-29")).isEqualTo("2024-02-29");
        assertThat(convert(DATE, " 2024-12-31 ")).isEqualTo("2024-12-31");
        for (String bad : new String[] {"2023-02-29", "2024/01/02", "02.01.2024", "20240102", "2024-1-2"}) {
            assertRejected(DATE, bad, "not a valid date (yyyy-MM-dd)", "'" + bad + "'");
        }
    }

    @ParameterizedTest
    @CsvSource({"2024-01-02T03:04:05, 2024-01-02T03:04:05",
                "2024-01-02 03:04:05, 2024-01-02T03:04:05",
                "2024-01-02 03:04, 2024-01-02T03:04",
                "2024-01-02 03:04:05.5, 2024-01-02T03:04:05.500",
                "2024-01-02 03:04:05.123456, 2024-01-02T03:04:05.123456"})
    void timestampAcceptsTOrSpaceAndFractions(String value, String expected) throws Exception {
        assertThat(convert(TIMESTAMP, value)).isEqualTo(expected);
    }

    @Test
    void timestampsRejectGarbage() {
        assertRejected(TIMESTAMP, "2024-01-02", "not a valid timestamp (yyyy-MM-dd HH:mm", "'2024-01-02'");
        assertRejected(TIMESTAMP, "2024-01-02 03:04:05+01:00", "not a valid timestamp");
        assertRejected(TIMESTAMP, "2024-01-02 25:00", "not a valid timestamp");
        assertRejected(TIMESTAMPTZ, "yesterday", "not a valid timestamptz", "'yesterday'");
        assertRejected(TIMESTAMPTZ, "2024-01-02 03:04:05 CET", "not a valid timestamptz");
    }

    @ParameterizedTest
    @CsvSource({"2024-01-02T03:04:05Z, 2024-01-02T03:04:05Z",
                "2024-01-02 03:04:05+01:00, 2024-01-02T02:04:05Z",
                "2024-01-02 03:04:05+01, 2024-01-02T02:04:05Z",
                "2024-01-02 03:04:05.25-05:30, 2024-01-02T08:34:05.250Z",
                "2024-01-02 03:04:05, 2024-01-02T03:04:05Z"})
    void timestamptzAcceptsOffsetsAndReadsNoOffsetAsUtc(String value, String expected) throws Exception {
        assertThat(convert(TIMESTAMPTZ, value)).isEqualTo(expected);
    }

    @Test
    void timestamptzAcceptsOffsetWithoutColon() throws Exception {
        assertThat(convert(TIMESTAMPTZ, "2024-01-02 03:04:05+0100")).isEqualTo("2024-01-02T02:04:05Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
                            "a0eebc999c0b4ef8bb6d6bb9bd380a11", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"})
    void uuidIsNormalisedToLowerCaseWithDashes(String value) throws Exception {
        assertThat(convert(UUID, value)).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"})
    void uuidRejectsGarbage(String value) {
        assertRejected(UUID, value, "not a valid uuid", "'" + value + "'");
    }

    @Test
    void textIsKeptVerbatimButMayNotContainNul() throws Exception {
        assertThat(convert(TEXT, "  Zürich, \"東京\" 😀 \t")).isEqualTo("  Zürich, \"東京\" 😀 \t");
        assertRejected(TEXT, "a\0b", "NUL");
    }

    @Test
    void varcharAndCharCountCodePointsNotUtf16Units() throws Exception {
        assertThat(convert(VARCHAR_3, "äöü")).isEqualTo("äöü");
        assertThat(convert(VARCHAR_3, "ab😀")).isEqualTo("ab😀");
        assertThat(convert(CHAR_2, "😀😀")).isEqualTo("😀😀");
        assertRejected(VARCHAR_3, "äöüx", "value too long for character varying(3)", "4 characters");
        assertRejected(VARCHAR_3, "😀😀😀😀", "value too long", "4 characters");
        assertRejected(CHAR_2, "abc", "value too long for character(2)", "3 characters");
    }

    @Test
    void varcharAndCharCutTrailingSpacesBeyondTheLimitLikePostgres() throws Exception {
        assertThat(convert(VARCHAR_3, "abc   ")).isEqualTo("abc");
        assertThat(convert(VARCHAR_3, "ä😀b ")).isEqualTo("ä😀b");
        assertThat(convert(CHAR_2, "ab ")).isEqualTo("ab");
        assertThat(convert(VARCHAR_3, " a ")).isEqualTo(" a ");
        assertRejected(VARCHAR_3, "ab  x", "value too long");
        assertRejected(VARCHAR_3, "a\0", "NUL");
    }

    @Test
    void nullIsRejectedOnlyInNotNullColumns() throws Exception {
        Column notNull = new Column("c", ColumnKind.INTEGER, "integer", -1, -1, -1, true, false, false);
        assertRejected(notNull, null, "null in NOT NULL column");
        for (Column nullable : new Column[] {INTEGER, TEXT, VARCHAR_3, UUID, TIMESTAMPTZ}) {
            assertThat(convert(nullable, null)).isNull();
        }
    }

    @Test
    void quotedEmptyStringIsAValueOnlyForTextTypes() throws Exception {
        for (Column typed : new Column[] {SMALLINT, INTEGER, BIGINT, NUMERIC_12_2, REAL, DOUBLE, BOOLEAN, DATE,
                                          TIMESTAMP, TIMESTAMPTZ, UUID}) {
            assertRejected(typed, "", "empty string is not a valid " + typed.sqlType());
        }
        assertThat(convert(TEXT, "")).isEmpty();
        assertThat(convert(VARCHAR_3, "")).isEmpty();
        assertThat(convert(CHAR_2, "")).isEmpty();
        assertThat(convert(column(ColumnKind.OTHER, "jsonb"), "")).isEmpty();
    }

    @Test
    void theFastPathsForCanonicalDatesAndInstantsStillCheckTheCalendar() throws Exception {
        assertThat(convert(DATE, "2024-02-29")).isEqualTo("2024-02-29");
        assertRejected(DATE, "2023-02-29", "not a valid date");
        assertRejected(DATE, "2026-13-01", "not a valid date");
        assertThat(convert(TIMESTAMPTZ, "2026-01-01T10:00:00Z")).isEqualTo("2026-01-01T10:00:00Z");
        assertRejected(TIMESTAMPTZ, "2026-02-30T10:00:00Z", "not a valid timestamptz");
        assertRejected(TIMESTAMPTZ, "2026-01-01T24:00:00Z", "not a valid timestamptz");
        assertRejected(TIMESTAMPTZ, "2026-02-30 10:00:00+01:00", "not a valid timestamptz");
        assertRejected(TIMESTAMP, "2026-02-30 10:00", "not a valid timestamp");
        assertRejected(TIMESTAMPTZ, "0000-01-01T10:00:00Z", "year 0000 is out of range");
        assertRejected(DATE, "0000-01-01", "year 0000 is out of range");
        assertRejected(TIMESTAMP, "0000-01-01 10:00", "year 0000 is out of range");
        assertThat(convert(TIMESTAMPTZ, "2026-01-01 11:00:00+01:00")).as("same instant, same spelling")
                .isEqualTo(convert(TIMESTAMPTZ, "2026-01-01T10:00:00Z"));
        assertThat(convert(TIMESTAMPTZ, "2026-01-01T10:00Z")).isEqualTo("2026-01-01T10:00:00Z");
    }
    @Test
    void numbersAlreadyCanonicalComeBackAsTheSameTextTheSlowPathPrints() throws BadValueException {
        Column numeric2x0 = sized(ColumnKind.NUMERIC, "numeric(2,0)", -1, 2, 0);
        Column numeric3x3 = sized(ColumnKind.NUMERIC, "numeric(3,3)", -1, 3, 3);
        java.util.Random random = new java.util.Random(5);
        String alphabet = "0123456789000-.";
        int accepted = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder value = new StringBuilder();
            for (int k = 1 + random.nextInt(7); k > 0; k--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = value.toString();
            java.math.BigDecimal reference;
            try {
                reference = new java.math.BigDecimal(text);
            } catch (NumberFormatException e) {
                continue;
            }
            for (Column column : java.util.List.of(BIGINT, SMALLINT, NUMERIC, NUMERIC_12_2, numeric2x0, numeric3x3)) {
                String converted;
                try {
                    converted = convert(column, text);
                } catch (BadValueException e) {
                    continue;
                }
                accepted++;
                String expected = column.kind() != ColumnKind.NUMERIC ? reference.toBigIntegerExact().toString()
                        : column.precision() > 0
                        ? reference.setScale(column.scale(), java.math.RoundingMode.HALF_UP).toPlainString()
                        : reference.toPlainString();
                assertThat(converted).as("%s as %s", text, column.sqlType()).isEqualTo(expected);
            }
        }
        assertThat(accepted).isGreaterThan(100_000);
    }
}
