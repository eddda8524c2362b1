package io.onceload.load;

import io.onceload.csv.BadFileException;
import io.onceload.csv.SourceRecord;
import io.onceload.table.Column;
import io.onceload.table.TargetTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a file's header to target columns: explicit mapping first, then the exact name, then the name normalised
 * ({@code Order ID} becomes {@code order_id}). Anything that does not map fails the file before any write.
 */
public final class HeaderMapping {

    /** Unknown headers named in the error; a header of thousands of columns must not make a message as long. */
    static final int UNKNOWN_NAMES_SHOWN = 10;

    private HeaderMapping() {
    }

    /**
     * The target column of every file column, in file order.
     *
     * @param computed columns onceload fills itself (record id, metadata), which the file need not have
     */
    public static List<Column> map(Path file, SourceRecord header, TargetTable table, Map<String, String> explicit,
                                   Set<String> computed) {
        Map<String, Column> exact = new HashMap<>();
        Map<String, Column> normalized = new HashMap<>();
        for (Column column : table.columns()) {
            exact.put(column.name(), column);
            // two columns that normalise alike can only be reached by their exact names
            normalized.merge(normalize(column.name()), column, (a, b) -> null);
        }
        List<Column> mapped = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Map<Column, Integer> seen = new HashMap<>();
        String[] names = header.fields();
        for (int i = 0; i < names.length; i++) {
            String name = names[i] == null ? "" : names[i].strip();
            if (name.isEmpty()) {
                throw new BadFileException(file, "header column " + (i + 1) + " has no name");
            }
            String target = explicit.getOrDefault(name, name);
            Column column = exact.containsKey(target) ? exact.get(target) : normalized.get(normalize(target));
            if (column == null) {
                unknown.add(shown(name));
                continue;
            }
            if (column.generated()) {
                throw new BadFileException(file, "header " + shown(name) + " maps to column " + column.name()
                        + ", which PostgreSQL generates (GENERATED or identity ALWAYS) and cannot be written");
            }
            Integer previous = seen.put(column, i);
            if (previous != null) {
                throw new BadFileException(file, "headers " + shown(names[previous].strip()) + " (column "
                        + (previous + 1) + ") and " + shown(name) + " (column " + (i + 1) + ") both map to column "
                        + column.name());
            }
            mapped.add(column);
        }
        if (!unknown.isEmpty()) {
            String shown = String.join(", ", unknown.subList(0, Math.min(unknown.size(), UNKNOWN_NAMES_SHOWN)))
                    + (unknown.size() > UNKNOWN_NAMES_SHOWN ? String.format(" and %,d more of its %,d columns",
                    unknown.size() - UNKNOWN_NAMES_SHOWN, names.length) : "");
            throw new BadFileException(file, "header " + shown + (unknown.size() == 1 ? " matches" : " match")
                    + " no column of " + table.name() + " (columns: " + columnNames(table.columns()) + ")");
        }
        Set<String> missing = new LinkedHashSet<>();
        for (Column column : table.columns()) {
            if ((column.required() || table.isKey(column)) && !seen.containsKey(column)
                    && !computed.contains(column.name())) {
                missing.add(column.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new BadFileException(file, "the file lacks column(s) " + String.join(", ", missing)
                    + " that are part of the key or NOT NULL without a default in " + table.name());
        }
        return mapped;
    }

    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
    }

    /**
     * A header name quoted for a message, with control, format and line-separator characters escaped as
     * backslash-u-hex: the message goes to the log, the run record (whose text column refuses NUL) and the error
     * report, where a raw line break or right-to-left override would forge or garble what people read.
     */
    static String shown(String name) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private static String columnNames(List<Column> columns) {
        return String.join(", ", columns.stream().map(Column::name).toList());
    }
}
