package io.onceload.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a file's rows are published into the target table. */
public enum LoadMode {
    /** New keys inserted, changed rows updated, identical rows untouched. */
    UPSERT,
    /** New keys inserted; existing keys never modified (immutable events). */
    INSERT_ONLY,
    /** Every partition value in the file: the target's rows of that value become exactly the file's rows. */
    REPLACE_PARTITIONS,
    /** The whole table becomes exactly the file's rows. */
    REPLACE;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<LoadMode> of(String key) {
        return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst();
    }

    public static String validKeys() {
        return Arrays.stream(values()).map(LoadMode::key).collect(Collectors.joining(", "));
    }
}
