package io.onceload.load;

import io.onceload.ledger.Sha256;
import io.onceload.table.Column;
import io.onceload.table.ColumnKind;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The content-hash key: SHA-256 over (column name, value) pairs in column-name order, each length-prefixed so no
 * value can imitate a boundary, with values in one spelling per PostgreSQL value ({@code 1.5} = {@code 1.50},
 * {@code 1} = {@code 1.0} for floats, {@code 'ab '} = {@code 'ab'} for char(n)). A uuid column gets a UUID, any
 * other the hex digest.
 */
final class RecordId {

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
            case CHAR -> value.stripTrailing();
            default -> value;
        };
    }
}
