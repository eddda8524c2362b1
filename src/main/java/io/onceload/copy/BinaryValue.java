package io.onceload.copy;

import io.onceload.table.Column;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A growing buffer of binary COPY fields. Each value is the canonical text {@link io.onceload.table.ValueConverter}
 * returned, turned into the bytes the server's text input would have produced from that text, rounding included.
 */
final class BinaryValue {

    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long MICROS = 1_000_000L;
    private static final int NUMERIC_NEGATIVE = 0x4000;

    // one bounds-checked big-endian store instead of one per byte: these writes were a tenth of a load's Java time
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final int initialCapacity;
    private byte[] bytes;
    private int size;
    private int[] groups = new int[64];

    BinaryValue(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.bytes = new byte[initialCapacity];
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    /** Empties the buffer; one that a huge field grew is let go, so memory stays flat after it. */
    void clear() {
        size = 0;
        if (bytes.length > 4 * initialCapacity) {
            bytes = new byte[initialCapacity];
        }
    }

    /** One field: its length, then the value's binary form; {@code null} is SQL NULL. */
    void value(Column column, String value) {
        if (value == null) {
            int32(-1);
            return;
        }
        switch (column.kind()) {
            case SMALLINT -> field(2).int16((int) Long.parseLong(value));
            case INTEGER -> field(4).int32((int) Long.parseLong(value));
            case BIGINT -> field(8).int64(Long.parseLong(value));
            case NUMERIC -> numeric(value);
            case REAL -> field(4).int32(Float.floatToIntBits(Float.parseFloat(value)));
            case DOUBLE -> field(8).int64(Double.doubleToLongBits(Double.parseDouble(value)));
            case BOOLEAN -> field(1).int8(value.equals("t") ? 1 : 0);
            case DATE -> field(4).int32((int) (epochDay(value) - POSTGRES_EPOCH_DAY));
            case TIMESTAMP, TIMESTAMPTZ -> field(8).int64(micros(value));
            case UUID -> {
                UUID uuid = UUID.fromString(value);
                field(16).int64(uuid.getMostSignificantBits());
                int64(uuid.getLeastSignificantBits());
            }
            default -> text(value);
        }
    }

    /** Starts a field of {@code length} bytes: write them next. */
    BinaryValue field(int length) {
        int32(length);
        return this;
    }

    /** Canonical dates are {@code yyyy-MM-dd} with a year 0001–9999. */
    private static long epochDay(String value) {
        return LocalDate.of(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10)).toEpochDay();
    }

    /**
     * Canonical timestamps are {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]}, with a trailing {@code Z} for timestamptz.
     * The fraction is rounded as PostgreSQL does ({@code rint(strtod(fraction) * 1e6)}), half to even.
     */
    private static long micros(String value) {
        int end = value.endsWith("Z") ? value.length() - 1 : value.length();
        long seconds = (epochDay(value) - POSTGRES_EPOCH_DAY) * 86_400L + digits(value, 11, 13) * 3_600L
                + digits(value, 14, 16) * 60L + (end > 16 ? digits(value, 17, 19) : 0);
        long fraction = end > 19 ? (long) Math.rint(Double.parseDouble(value.substring(19, end)) * MICROS) : 0;
        return seconds * MICROS + fraction;
    }

    private static int digits(String value, int from, int to) {
        return Integer.parseInt(value, from, to, 10);
    }

    /** A plain decimal ({@code -12.50}) as base-10000 digit groups, weight, sign and display scale. */
    private void numeric(String value) {
        boolean negative = value.charAt(0) == '-';
        int point = value.indexOf('.');
        int integerEnd = point < 0 ? value.length() : point;
        int scale = point < 0 ? 0 : value.length() - point - 1;
        int integerStart = negative ? 1 : 0;
        while (integerStart < integerEnd && value.charAt(integerStart) == '0') {
            integerStart++;
        }
        int integerDigits = integerEnd - integerStart;
        int integerGroups = (integerDigits + 3) / 4;
        int count = integerGroups + (scale + 3) / 4;
        if (groups.length < count) {
            groups = new int[count];
        }
        // integer digits group from the point leftwards, so the first group may be short
        int at = integerStart;
        for (int g = 0; g < integerGroups; g++) {
            int length = g == 0 ? integerDigits - 4 * (integerGroups - 1) : 4;
            groups[g] = digits(value, at, at + length);
            at += length;
        }
        // fraction digits group from the point rightwards, the last group padded with zeros
        at = point + 1;
        for (int g = integerGroups; g < count; g++) {
            int group = 0;
            for (int k = 0; k < 4; k++, at++) {
                group = group * 10 + (at < value.length() ? value.charAt(at) - '0' : 0);
            }
            groups[g] = group;
        }
        int weight = integerGroups - 1;
        int first = 0;
        while (first < count && groups[first] == 0) {
            first++;
            weight--;
        }
        int last = count;
        while (last > first && groups[last - 1] == 0) {
            last--;
        }
        int digitCount = last - first;
        field(8 + 2 * digitCount).int16(digitCount);
        int16(digitCount == 0 ? 0 : weight);
        int16(negative && digitCount > 0 ? NUMERIC_NEGATIVE : 0);
        int16(scale);
        for (int g = first; g < last; g++) {
            int16(groups[g]);
        }
    }

    private void text(String value) {
        int length = value.length();
        ensure(4 + length);
        int start = size + 4;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // not ASCII: let the JDK's encoder do it, as the text format's writer would
                byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
                field(encoded.length);
                ensure(encoded.length);
                System.arraycopy(encoded, 0, bytes, size, encoded.length);
                size += encoded.length;
                return;
            }
            bytes[start + i] = (byte) c;
        }
        int32(length);
        size += length;
    }

    void int8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void int16(int value) {
        ensure(2);
        SHORT.set(bytes, size, (short) value);
        size += 2;
    }

    void int32(int value) {
        ensure(4);
        INT.set(bytes, size, value);
        size += 4;
    }

    void int64(long value) {
        ensure(8);
        LONG.set(bytes, size, value);
        size += 8;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            byte[] grown = new byte[Math.max(bytes.length * 2, size + more)];
            System.arraycopy(bytes, 0, grown, 0, size);
            bytes = grown;
        }
    }
}
