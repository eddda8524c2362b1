package io.onceload.task;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Which rows of a derived table a slice task replaces. */
enum Slice {
    /** The rows whose partition column equals the logical date. */
    LOGICAL_DATE {
        @Override
        List<String> values(LocalDate logicalDate, Map<String, List<String>> touched, String column) {
            return List.of(logicalDate.toString());
        }
    },
    /**
     * The partition values the loads touched: every value in their files and the previous value of every row they
     * changed or removed, so a row moved from one day to another refreshes both days.
     */
    LOADED_PARTITIONS {
        @Override
        List<String> values(LocalDate logicalDate, Map<String, List<String>> touched, String column) {
            return touched.getOrDefault(column, List.of());
        }
    };

    /**
     * @param touched per column of the loaded table, the values the causing loads touched
     * @param column the task's partition column (the loaded table has a column of the same name)
     * @return the slice, as text
     */
    abstract List<String> values(LocalDate logicalDate, Map<String, List<String>> touched, String column);

    String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<Slice> of(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }

    static String validKeys() {
        return Arrays.stream(values()).map(Slice::key).collect(Collectors.joining(", "));
    }
}
