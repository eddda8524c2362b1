package io.onceload.table;

import java.sql.SQLException;
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
    /** Per value column: the cast that makes it comparable ({@code json}, {@code xml}, ... have no equality). */
    private final List<String> comparedAs;

    /**
     * @param mapped the target columns present in the file, in file order
     */
    public LoadSql(Identifiers identifiers, TargetTable table, List<Column> mapped) throws SQLException {
        this.target = table.quotedName();
        this.stage = identifiers.quote(STAGE);
        this.line = identifiers.quote(LINE);
        this.columns = quoteAll(identifiers, mapped);
        this.keys = quoteAll(identifiers, table.key());
        List<Column> nonKey = new ArrayList<>(mapped);
        nonKey.removeAll(table.key());
        this.values = quoteAll(identifiers, nonKey);
        this.comparedAs = nonKey.stream().map(c -> c.kind() == ColumnKind.OTHER ? "::text" : "").toList();
    }

    private static List<String> quoteAll(Identifiers identifiers, List<Column> columns) throws SQLException {
        List<String> quoted = new ArrayList<>();
        for (Column column : columns) {
            quoted.add(identifiers.quote(column.name()));
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

    /** Rows, distinct keys and rows with a null key in the staging table, for the audit before publish. */
    public String audit() {
        String nullKey = keys.stream().map(k -> k + " IS NULL").collect(Collectors.joining(" OR "));
        return "SELECT count(*), count(DISTINCT ROW(" + String.join(", ", keys) + ")), count(*) FILTER (WHERE "
                + nullKey + ") FROM " + stage;
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
                + " AND " + compared("t") + " IS DISTINCT FROM " + compared("s");
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
        return names.stream().map(n -> alias + "." + n).collect(Collectors.joining(", "));
    }

    /** The value columns as an explicit row: {@code (a)} alone would be a scalar, {@code ROW(a)} is a row of one. */
    private String compared(String alias) {
        StringBuilder row = new StringBuilder("ROW(");
        for (int i = 0; i < values.size(); i++) {
            row.append(i == 0 ? "" : ", ").append(alias).append('.').append(values.get(i)).append(comparedAs.get(i));
        }
        return row.append(')').toString();
    }
}
