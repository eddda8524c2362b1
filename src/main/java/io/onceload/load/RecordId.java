package io.onceload.load;

import io.onceload.ledger.Sha256;
import io.onceload.table.Column;
import io.onceload.table.ColumnKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The content-hash key: SHA-256 of a record's values after type normalisation ({@code 1.5} and {@code 1.50} in a
 * numeric(10,2) column are the same record), as a uuid or as hex text, depending on the column's type.
 */
final class RecordId {

    private static final byte SEPARATOR = 0x1f;
    private static final byte NULL = 0x00;

    private RecordId() {
    }

    static String of(List<String> values, Column column) {
        MessageDigest digest = Sha256.newDigest();
        for (String value : values) {
            if (value == null) {
                digest.update(NULL);
            } else {
                digest.update(value.getBytes(StandardCharsets.UTF_8));
            }
            digest.update(SEPARATOR);
        }
        byte[] hash = digest.digest();
        if (column.kind() == ColumnKind.UUID) {
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = high << 8 | (hash[i] & 0xff);
                low = low << 8 | (hash[i + 8] & 0xff);
            }
            return new UUID(high, low).toString();
        }
        return HexFormat.of().formatHex(hash);
    }
}
