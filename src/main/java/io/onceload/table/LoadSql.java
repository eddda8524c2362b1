package io.onceload.table;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every statement onceload generates for one load: identifiers come from the catalog and are always quoted by
 * the driver; values never appear in the text.
 */
public final class LoadSql {

    public static final String STAGE = "onceload_stage";
    public static final String LINE = "_onceload_line";

    private final String target;
    private final String stage;
    private final String line;
    private final List<String> columns;
    private final List<String> keys;
    private final List<String> values;

    /**
     * @param mapped the target columns present in the file, in file order
     */
    public LoadSql(Connection connection, TargetTable table, List<Column> mapped) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            this.target = table.quotedName();
            this.stage = statement.enquoteIdentifier(STAGE, true);
            this.line = statement.enquoteIdentifier(LINE, true);
            this.columns = quoteAll(statement, mapped);
            this.keys = quoteAll(statement, table.key());
            List<Column> nonKey = new ArrayList<>(mapped);
            nonKey.removeAll(table.key());
            this.values = quoteAll(statement, nonKey);
        }
    }

    private static List<String> quoteAll(Statement statement, List<Column> columns) throws SQLException {
        List<String> quoted = new ArrayList<>();
        for (Column column : columns) {
            quoted.add(statement.enquoteIdentifier(column.name(), true));
        }
        return quoted;
    }

    /** A session-private table shaped like the mapped target columns plus the source line number. */
    public String createStage() {
        return "CREATE TEMP TABLE " + stage + " ON COMMIT DROP AS SELECT " + String.join(", ", columns)
                + ", NULL::bigint AS " + line + " FROM " + target + " WITH NO DATA";
    }

    public String copyIntoStage() {
        return "COPY " + stage + " (" + String.join(", ", columns) + ", " + line + ") FROM STDIN";
    }

    /** Deletes all but the last line of every key that occurs more than once; the count is the duplicates. */
    public String dropEarlierDuplicates() {
        return "DELETE FROM " + stage + " s USING (SELECT " + String.join(", ", keys) + ", max(" + line
                + ") AS keep FROM " + stage + " GROUP BY " + String.join(", ", keys)
                + " HAVING count(*) > 1) d WHERE " + match("s", "d") + " AND s." + line + " < d.keep";
    }

    public String analyzeStage() {
        return "ANALYZE " + stage;
    }

    /** Row count and rows with a null key, for the audit before publish. */
    public String audit() {
        String nullKey = keys.stream().map(k -> k + " IS NULL").collect(Collectors.joining(" OR "));
        return "SELECT count(*), count(*) FILTER (WHERE " + nullKey + ") FROM " + stage;
    }

    /** Serialises publishers of one target table; the argument is {@link #lockName()}. */
    public String lockTarget() {
        return "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";
    }

    public String lockName() {
        return "onceload:publish:" + target;
    }

    /** Updates only rows whose mapped values differ, so identical rows cost no write at all. */
    public String updateChanged() {
        if (values.isEmpty()) {
            return null;
        }
        String set = values.stream().map(v -> v + " = s." + v).collect(Collectors.joining(", "));
        return "UPDATE " + target + " t SET " + set + " FROM " + stage + " s WHERE " + match("t", "s")
                + " AND (" + prefixed("t", values) + ") IS DISTINCT FROM (" + prefixed("s", values) + ")";
    }

    public String insertNew() {
        return "INSERT INTO " + target + " (" + String.join(", ", columns) + ") SELECT "
                + prefixed("s", columns) + " FROM " + stage + " s WHERE NOT EXISTS (SELECT 1 FROM " + target
                + " t WHERE " + match("t", "s") + ")";
    }

    private String match(String left, String right) {
        return keys.stream().map(k -> left + "." + k + " = " + right + "." + k)
                .collect(Collectors.joining(" AND "));
    }

    private static String prefixed(String alias, List<String> names) {
        String list = names.stream().map(n -> alias + "." + n).collect(Collectors.joining(", "));
        // a one-element list is not a row constructor in SQL; ROW(...) makes it one
        return names.size() == 1 ? "ROW(" + list + ")" : list;
    }
}
