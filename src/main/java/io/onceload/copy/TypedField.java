package io.onceload.copy;

import io.onceload.table.Column;
import io.onceload.table.ValueConverter;

/**
 * A field already spelled as PostgreSQL prints its value (the spelling the converter would return unchanged), read
 * once into the number the binary COPY sends: neither checked by the converter nor parsed again to be written. Any
 * other spelling, and any value out of range, is left to the converter, which says why it is refused.
 */
public enum TypedField {

    /** No typed reading: the converter's canonical text is written. */
    NONE(0, 0, 0) {
        @Override
        public boolean read(String raw, long[] parsed, int at) {
            return false;
        }
    },

    SMALLINT(Short.MIN_VALUE, Short.MAX_VALUE, 2),
    INTEGER(Integer.MIN_VALUE, Integer.MAX_VALUE, 4),
    BIGINT(Long.MIN_VALUE, Long.MAX_VALUE, 8),

    /** {@code yyyy-MM-dd}, years 0001 to 9999: days since PostgreSQL's epoch, 2000-01-01. */
    DATE(0, 0, 4) {
        @Override
        public boolean read(String raw, long[] parsed, int at) {
            if (raw == null || raw.length() != 10 || raw.charAt(4) != '-' || raw.charAt(7) != '-') {
                return false;
            }
            long day = Calendar.day(raw);
            parsed[at] = day;
            return day != Calendar.INVALID;
        }
    },

    /** {@code yyyy-MM-ddTHH:mm:ssZ}: microseconds since PostgreSQL's epoch. */
    TIMESTAMPTZ(0, 0, 8) {
        @Override
        public boolean read(String raw, long[] parsed, int at) {
            if (raw == null || raw.length() != 20 || raw.charAt(4) != '-' || raw.charAt(7) != '-'
                    || raw.charAt(10) != 'T' || raw.charAt(13) != ':' || raw.charAt(16) != ':'
                    || raw.charAt(19) != 'Z') {
                return false;
            }
            long day = Calendar.day(raw);
            int hour = Calendar.twoDigits(raw, 11);
            int minute = Calendar.twoDigits(raw, 14);
            int second = Calendar.twoDigits(raw, 17);
            if (day == Calendar.INVALID || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                    || second > 59) {
                return false;
            }
            parsed[at] = ((day * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L;
            return true;
        }
    };

    private final long min;
    private final long max;
    /** The binary field's length: 2, 4 or 8 bytes, big-endian. */
    private final int bytes;

    TypedField(long min, long max, int bytes) {
        this.min = min;
        this.max = max;
        this.bytes = bytes;
    }

    /**
     * Reads {@code raw} into {@code parsed[at]} when it is canonical and in range; for the integer kinds, spelled as
     * {@link ValueConverter#canonicalPlain} says (18 digits at most).
     *
     * @return false for SQL NULL, another spelling or a value out of range: the converter decides then
     */
    public boolean read(String raw, long[] parsed, int at) {
        // the converter's own test of a canonical integer: at most 18 digits, so the parse cannot overflow
        if (raw == null || !ValueConverter.canonicalPlain(raw, 0, 18)) {
            return false;
        }
        long value = Long.parseLong(raw);
        parsed[at] = value;
        return value >= min && value <= max;
    }

    /** Writes a value {@link #read} returned, as one binary COPY field. */
    void write(BinaryValue out, long value) {
        out.field(bytes);
        switch (bytes) {
            case 2 -> out.int16((int) value);
            case 4 -> out.int32((int) value);
            default -> out.int64(value);
        }
    }

    /** The typed reading of a column's kind, or {@link #NONE}. */
    public static TypedField of(Column column) {
        return switch (column.kind()) {
            case SMALLINT -> SMALLINT;
            case INTEGER -> INTEGER;
            case BIGINT -> BIGINT;
            case DATE -> DATE;
            case TIMESTAMPTZ -> TIMESTAMPTZ;
            default -> NONE;
        };
    }
}
