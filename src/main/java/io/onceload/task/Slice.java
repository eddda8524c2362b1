package io.onceload.task;

import io.onceload.config.Keyed;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which rows of a derived table a slice task replaces. */
enum Slice implements Keyed {
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


    static Optional<Slice> of(String key) {
        return Keyed.of(Slice.class, key);
    }

    static String validKeys() {
        return Keyed.validKeys(Slice.class);
    }
}
