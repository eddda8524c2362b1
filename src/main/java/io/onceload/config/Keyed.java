package io.onceload.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum that settings spell as lower-case, dash-separated keys (REPLACE_PARTITIONS: replace-partitions). */
public interface Keyed {

    String name();

    default String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E> & Keyed> Optional<E> of(Class<E> type, String key) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.key().equals(key)).findFirst();
    }

    /** The keys, comma-separated, for messages that list what is allowed. */
    static <E extends Enum<E> & Keyed> String validKeys(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Keyed::key).collect(Collectors.joining(", "));
    }
}
