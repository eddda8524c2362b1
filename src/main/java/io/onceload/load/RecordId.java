package io.onceload.load;

import io.onceload.ledger.Sha256;
import io.onceload.table.Column;
import io.onceload.table.ColumnKind;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The content-hash key: SHA-256 over (column name, value) pairs in column-name order, each length-prefixed so no
 * value can imitate a boundary, with values in one spelling per PostgreSQL value ({@code 1.5} = {@code 1.50},
 * {@code 1} = {@code 1.0} for floats, {@code 'ab '} = {@code 'ab'} for char(n), {@code 10:00:00.4} = {@code 10:00}
 * for timestamp(0)). A uuid column gets a UUID, any other the hex digest.
 */
final class RecordId {

    private static final LocalDateTime POSTGRES_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

    private RecordId() {
    }

    /**
     * @param converted canonical values of all file columns, as sent to COPY
     * @param hashed indexes of the hashed columns, in column-name order
     */
    static String of(List<Column> columns, String[] converted, List<Integer> hashed, Column recordId) {
        MessageDigest digest = Sha256.newDigest();
        for (int index : hashed) {
            update(digest, columns.get(index).name());
            update(digest, hashForm(columns.get(index), converted[index]));
        }
        byte[] hash = digest.digest();
        if (recordId.kind() == ColumnKind.UUID) {
            ByteBuffer bytes = ByteBuffer.wrap(hash);
            return new UUID(bytes.getLong(), bytes.getLong()).toString();
        }
        return HexFormat.of().formatHex(hash);
    }

    private static void update(MessageDigest digest, String value) {
        if (value == null) {
            digest.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    static String hashForm(Column column, String value) {
        if (value == null) {
            return null;
        }
        return switch (column.kind()) {
            case NUMERIC -> value.equals("NaN") ? value : new BigDecimal(value).stripTrailingZeros().toPlainString();
            case DOUBLE -> Double.toString(Double.parseDouble(value));
            case REAL -> Float.toString(Float.parseFloat(value));
            // bpchar ignores trailing spaces only: 'ab\t' and 'ab' are two values
            case CHAR -> stripSpaces(value);
            case TIMESTAMP, TIMESTAMPTZ -> storedTimestamp(value, column.precision());
            default -> value;
        };
    }

    private static String stripSpaces(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(0, end);
    }

    /**
     * A canonical timestamp rounded to the column's {@code timestamp(p)} as PostgreSQL stores it: microseconds
     * since 2000-01-01, half away from zero. A value that needs no rounding keeps its spelling, so its id is the
     * one it always had.
     */
    static String storedTimestamp(String canonical, int precision) {
        if (precision < 0 || precision >= 6) {
            return canonical;
        }
        boolean zoned = canonical.endsWith("Z");
        LocalDateTime local = LocalDateTime.parse(zoned ? canonical.substring(0, canonical.length() - 1) : canonical);
        long micros = ChronoUnit.MICROS.between(POSTGRES_EPOCH, local);
        long unit = (long) Math.pow(10, 6 - precision);
        long rounded = micros >= 0 ? (micros + unit / 2) / unit * unit : -((-micros + unit / 2) / unit * unit);
        if (rounded == micros) {
            return canonical;
        }
        LocalDateTime stored = POSTGRES_EPOCH.plus(rounded, ChronoUnit.MICROS);
        return zoned ? DateTimeFormatter.ISO_INSTANT.format(stored.toInstant(ZoneOffset.UTC)) : stored.toString();
    }
}
