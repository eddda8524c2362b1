package io.onceload.config;

import java.util.Optional;

/** How a file's rows are published into the target table. */
public enum LoadMode implements Keyed {
    /** New keys inserted, changed rows updated, identical rows untouched. */
    UPSERT,
    /** New keys inserted; existing keys never modified (immutable events). */
    INSERT_ONLY,
    /** Every partition value in the file: the target's rows of that value become exactly the file's rows. */
    REPLACE_PARTITIONS,
    /** The whole table becomes exactly the file's rows. */
    REPLACE;


    public static Optional<LoadMode> of(String key) {
        return Keyed.of(LoadMode.class, key);
    }

    public static String validKeys() {
        return Keyed.validKeys(LoadMode.class);
    }
}
