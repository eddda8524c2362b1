package io.onceload.table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a CSV field against its column type and returns the canonical text PostgreSQL will accept, so that
 * every bad value is caught here, with its line and column, instead of aborting the COPY.
 */
public final class ValueConverter {

    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(?i:infinity|inf)|(?i:nan)");
    // PostgreSQL's numeric limits: digits before and after the decimal point
    private static final int NUMERIC_MAX_INTEGER_DIGITS = 131_072;
    private static final int NUMERIC_MAX_SCALE = 16_383;
    private static final int MAX_OFFSET_SECONDS = 15 * 3600 + 59 * 60;
    /** NAMEDATALEN - 1 */
    private static final int NAME_BYTES = 63;
    private static final Pattern UUID_TEXT = Pattern.compile(
            "\\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}}?");
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            // at most microseconds, as documented: more digits would be rounded by PostgreSQL, not stored
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true).optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            // SMART, the default, would turn 2026-02-30 into 2026-02-28 without a word
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(LOCAL_DATE_TIME)
            // minutes mandatory in the first two forms, so '+0100' is not read as '+01' followed by junk
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private ValueConverter() {
    }

    /**
     * @param value the field; {@code null} means SQL NULL (an unquoted empty field)
     * @return the value's text for COPY, or {@code null} for SQL NULL
     */
    public static String convert(Column column, String value) throws BadValueException {
        if (value == null) {
            if (column.notNull()) {
                throw new BadValueException("null in NOT NULL column");
            }
            return null;
        }
        if (!column.kind().isText() && value.isEmpty()) {
            throw new BadValueException("empty string is not a valid " + column.sqlType());
        }
        return switch (column.kind()) {
            case SMALLINT -> integer(value, Short.MIN_VALUE, Short.MAX_VALUE, column);
            case INTEGER -> integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE, column);
            case BIGINT -> integer(value, Long.MIN_VALUE, Long.MAX_VALUE, column);
            case NUMERIC -> numeric(space(value), column);
            case REAL, DOUBLE -> floating(space(value), column);
            case BOOLEAN -> bool(space(value));
            case DATE -> date(space(value));
            case TIMESTAMP -> timestamp(space(value));
            case TIMESTAMPTZ -> timestamptz(space(value));
            case UUID -> uuid(value); // PostgreSQL takes no white space around a uuid
            case TEXT, OTHER -> bytesLimited(text(value), column);
            case VARCHAR, CHAR -> limited(value, column);
        };
    }

    private static String integer(String value, long min, long max, Column column) throws BadValueException {
        // already canonical (at most 18 digits, so no overflow): returned as it is instead of parsed and printed
        if (canonicalPlain(value, 0, 18)) {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new BadValueException("out of range for " + column.sqlType() + ": " + value);
            }
            return value;
        }
        long parsed;
        try {
            String number = space(value);
            if (!asciiNumber(number)) {
                throw new NumberFormatException();
            }
            parsed = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new BadValueException("not a valid " + column.sqlType() + ": '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new BadValueException("out of range for " + column.sqlType() + ": " + value);
        }
        return Long.toString(parsed);
    }

    private static String numeric(String value, Column column) throws BadValueException {
        // a value already spelled as PostgreSQL prints it needs no BigDecimal (a third of a load's conversion time)
        int point = value.indexOf('.');
        int scale = column.precision() > 0 ? column.scale() : point < 0 ? 0 : value.length() - point - 1;
        int maxInteger = column.precision() > 0 ? column.precision() - column.scale() : NUMERIC_MAX_INTEGER_DIGITS;
        // numeric(3,5) limits the leading zeros of the fraction too, which only the full check below sees
        if (scale <= NUMERIC_MAX_SCALE && maxInteger > 0 && canonicalPlain(value, scale, maxInteger)) {
            return value;
        }
        BigDecimal parsed;
        try {
            if (!asciiNumber(value)) {
                throw new NumberFormatException();
            }
            parsed = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new BadValueException("not a valid " + column.sqlType() + ": '" + value + "'");
        }
        // checked before any rounding or printing: '1e999999999' must not become a billion-digit string
        long integerDigits = (long) parsed.precision() - parsed.scale();
        long maxIntegerDigits = column.precision() > 0 ? column.precision() - column.scale() : NUMERIC_MAX_INTEGER_DIGITS;
        if (parsed.signum() != 0 && integerDigits > maxIntegerDigits || parsed.scale() > NUMERIC_MAX_SCALE) {
            throw new BadValueException("out of range for " + column.sqlType() + ": " + value);
        }
        if (column.precision() > 0) {
            // PostgreSQL rounds half away from zero to the declared scale, then checks the integer digits
            parsed = parsed.setScale(column.scale(), RoundingMode.HALF_UP);
            if (parsed.precision() - parsed.scale() > column.precision() - column.scale()) {
                throw new BadValueException("out of range for " + column.sqlType() + ": " + value);
            }
        }
        return parsed.toPlainString();
    }

    private static String floating(String value, Column column) throws BadValueException {
        if (!FLOAT.matcher(value).matches()) {
            throw new BadValueException("not a valid " + column.sqlType() + ": '" + value + "'");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.contains("inf")) {
            return lower.startsWith("-") ? "-Infinity" : "Infinity";
        }
        if (lower.equals("nan")) {
            return "NaN";
        }
        double parsed = Double.parseDouble(value);
        boolean real = column.kind() == ColumnKind.REAL;
        // like PostgreSQL: a non-zero literal that overflows to infinity or underflows to zero is out of range
        boolean zeroLiteral = lower.split("e")[0].chars().noneMatch(c -> c >= '1' && c <= '9');
        boolean underflow = !zeroLiteral && (parsed == 0 || real && (float) parsed == 0f);
        if (Double.isInfinite(parsed) || real && Float.isInfinite((float) parsed) || underflow) {
            throw new BadValueException("out of range for " + column.sqlType() + ": " + value);
        }
        return value;
    }

    private static String bool(String value) throws BadValueException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> "t";
            case "f", "false", "n", "no", "off", "0" -> "f";
            default -> throw new BadValueException("not a valid boolean: '" + value
                    + "' (use true/false, t/f, yes/no, y/n, on/off, 1/0)");
        };
    }

    /**
     * Whether {@code value} is already canonical: an optional {@code -}, then {@code 0} or up to
     * {@code maxIntegerDigits} digits without a leading zero, then with {@code scale > 0} a point and exactly
     * {@code scale} digits; never a negative zero, which PostgreSQL prints without its sign.
     */
    public static boolean canonicalPlain(String value, int scale, int maxIntegerDigits) {
        int length = value.length();
        int start = length > 0 && value.charAt(0) == '-' ? 1 : 0;
        int at = start;
        while (at < length && value.charAt(at) >= '0' && value.charAt(at) <= '9') {
            at++;
        }
        int integerDigits = at - start;
        boolean zeroInteger = integerDigits == 1 && value.charAt(start) == '0';
        if (integerDigits == 0 || !zeroInteger && (value.charAt(start) == '0' || integerDigits > maxIntegerDigits)) {
            return false;
        }
        boolean nonZero = !zeroInteger;
        if (scale == 0) {
            return at == length && (nonZero || start == 0);
        }
        if (at == length || value.charAt(at) != '.' || length - at - 1 != scale) {
            return false;
        }
        for (int i = at + 1; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero || start == 0;
    }

    /**
     * The value without the white space PostgreSQL's input functions skip around a number, boolean or date: the C
     * locale's {@code isspace} (space, tab, newline, carriage return, vertical tab, form feed). Java's
     * {@code strip()} would also drop U+3000 or U+2003, which PostgreSQL refuses.
     */
    static String space(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == value.length() ? value : value.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /**
     * Only ASCII digits, sign, point and exponent: the JDK's parsers also accept other scripts' digits, which
     * PostgreSQL rejects. A loop, because a regex here cost more than the parse itself.
     */
    private static boolean asciiNumber(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * Java has a year 0 (1 BC) and spells years past 9999 with a sign, which PostgreSQL reads as neither: it would
     * abort the COPY instead of rejecting one row. Canonical values have four-digit years, 0001 to 9999.
     */
    private static String requireYear(String canonical, int year, String type) throws BadValueException {
        if (year < 1 || year > 9999) {
            throw new BadValueException("year " + String.format("%04d", year) + " is out of range for " + type
                    + " (0001 to 9999)");
        }
        return canonical;
    }

    /** True for exactly {@code d} ASCII digits at {@code from}. */
    private static boolean digits(String value, int from, int d) {
        for (int i = from; i < from + d; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String value, int from, int to) {
        return Integer.parseInt(value, from, to, 10);
    }

    private static String date(String value) throws BadValueException {
        try {
            // the canonical spelling is returned as it is once the date is known to exist (measured: 4x faster)
            if (value.length() == 10 && digits(value, 0, 4) && value.charAt(4) == '-' && digits(value, 5, 2)
                    && value.charAt(7) == '-' && digits(value, 8, 2)) {
                LocalDate.of(number(value, 0, 4), number(value, 5, 7), number(value, 8, 10));
                return requireYear(value, number(value, 0, 4), "date");
            }
            LocalDate date = LocalDate.parse(value);
            return requireYear(date.toString(), date.getYear(), "date");
        } catch (java.time.DateTimeException e) {
            throw new BadValueException("not a valid date (yyyy-MM-dd): '" + value + "'");
        }
    }

    private static String timestamp(String value) throws BadValueException {
        try {
            requireDateTimeSeparator(value);
            LocalDateTime parsed = LocalDateTime.parse(value, LOCAL_DATE_TIME);
            return requireYear(parsed.toString(), parsed.getYear(), "timestamp");
        } catch (DateTimeParseException e) {
            throw new BadValueException("not a valid timestamp (yyyy-MM-dd HH:mm[:ss[.ffffff]]): '" + value + "'");
        }
    }

    private static String timestamptz(String value) throws BadValueException {
        // yyyy-MM-ddTHH:mm:ssZ is already canonical: check the fields exist and return it (measured: 10x faster)
        if (value.length() == 20 && value.charAt(10) == 'T' && value.charAt(19) == 'Z' && value.charAt(4) == '-'
                && value.charAt(7) == '-' && value.charAt(13) == ':' && value.charAt(16) == ':'
                && digits(value, 0, 4) && digits(value, 5, 2) && digits(value, 8, 2) && digits(value, 11, 2)
                && digits(value, 14, 2) && digits(value, 17, 2)) {
            try {
                LocalDateTime.of(number(value, 0, 4), number(value, 5, 7), number(value, 8, 10),
                        number(value, 11, 13), number(value, 14, 16), number(value, 17, 19));
                return requireYear(value, number(value, 0, 4), "timestamptz");
            } catch (java.time.DateTimeException e) {
                // not a real instant (Feb 30, 24:00); the strict path below says why
            }
        }
        try {
            requireDateTimeSeparator(value);
            var parsed = OFFSET_DATE_TIME.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
            // a timestamp without offset is read as UTC, whatever the server's TimeZone setting is
            OffsetDateTime instant = parsed instanceof OffsetDateTime odt ? odt
                    : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
            if (Math.abs(instant.getOffset().getTotalSeconds()) > MAX_OFFSET_SECONDS) {
                throw new BadValueException("time zone offset " + instant.getOffset() + " is out of range"
                        + " (PostgreSQL allows -15:59 to +15:59): '" + value + "'");
            }
            // one spelling per instant, so equal values compare and hash equal whatever offset the file used
            OffsetDateTime utc = instant.withOffsetSameInstant(ZoneOffset.UTC);
            if (utc.getYear() < 1 || utc.getYear() > 9999) {
                throw new BadValueException("'" + value + "' is in year " + utc.getYear() + " in UTC; onceload"
                        + " loads timestamptz values from 0001-01-01 to 9999-12-31 UTC");
            }
            return requireYear(DateTimeFormatter.ISO_INSTANT.format(utc), instant.getYear(), "timestamptz");
        } catch (DateTimeParseException e) {
            throw new BadValueException("not a valid timestamptz (yyyy-MM-dd HH:mm[:ss[.ffffff]][+HH:mm]): '"
                    + value + "'");
        }
    }

    /** The formatter makes 'T' and ' ' optional each; exactly one of them must separate date and time. */
    private static void requireDateTimeSeparator(String value) {
        if (value.length() > 10 && value.charAt(10) != 'T' && value.charAt(10) != ' ') {
            throw new DateTimeParseException("no separator between date and time", value, 10);
        }
    }

    private static String uuid(String value) throws BadValueException {
        if (!UUID_TEXT.matcher(value).matches() || value.startsWith("{") != value.endsWith("}")) {
            throw new BadValueException("not a valid uuid: '" + value + "'");
        }
        String hex = value.replace("-", "").replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private static String text(String value) throws BadValueException {
        if (value.indexOf('\0') >= 0) {
            throw new BadValueException("contains a NUL character, which PostgreSQL text cannot hold");
        }
        return value;
    }

    /**
     * {@code name} and {@code "char"} are cut by PostgreSQL's own input, to 63 bytes and to one byte: a longer value
     * is a reject here, as for varchar(n), so no value is ever stored other than the file's.
     */
    private static String bytesLimited(String value, Column column) throws BadValueException {
        int limit = switch (column.sqlType()) {
            case "name" -> NAME_BYTES;
            case "\"char\"" -> 1;
            default -> -1;
        };
        if (limit >= 0) {
            int bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > limit) {
                throw new BadValueException("value too long for " + column.sqlType() + ": " + bytes
                        + " bytes, at most " + limit);
            }
        }
        return value;
    }

    private static String limited(String value, Column column) throws BadValueException {
        text(value);
        int length = value.codePointCount(0, value.length());
        if (column.length() < 0 || length <= column.length()) {
            return value;
        }
        // like PostgreSQL: trailing spaces beyond the limit are cut, anything else is an error
        int cut = value.offsetByCodePoints(0, column.length());
        if (value.substring(cut).chars().allMatch(c -> c == ' ')) {
            return value.substring(0, cut);
        }
        throw new BadValueException("value too long for " + column.sqlType() + ": " + length + " characters");
    }
}
