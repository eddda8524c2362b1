package io.onceload.table;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every statement onceload generates for one load: identifiers come from the catalog and are always quoted by
 * the driver; values never appear in the text, they are bound parameters.
 */
public final class LoadSql {

    public static final String STAGE = "onceload_stage";
    /**
     * For the writes of a publish only: random reads priced like the SSD or cache they come from. At PostgreSQL's
     * default of 4, a day's 100k rows into a 10M-row table were joined by hashing a full scan of the target (MERGE
     * 3.1 s) instead of 100k primary-key lookups (0.27 s); a file as big as its table still gets the hash join.
     */
    public static final String PREFER_KEY_LOOKUPS = "SET LOCAL random_page_cost = 1.1";
    public static final String PLANNER_DEFAULTS = "SET LOCAL random_page_cost TO DEFAULT";

    /** One more partition value to replace, beside the staged ones: see {@link #createSlice()}. */
    public static final String SLICE = "onceload_slice";
    public static final String LINE = "_onceload_line";

    private final StageShape shape;
    private final String target;
    private final String stage;
    private final String line;
    private final List<String> staged;
    private final List<String> keys;
    private final List<String> set;
    private final List<String> compared;
    /** Per compared column: the cast that makes it comparable ({@code json}, {@code xml}, ... have no equality). */
    private final List<String> comparedAs;
    private final String firstLoadedAt;
    private final String version;
    private final String partition;
    private final String watermark;
    private final String slice;

    public LoadSql(Identifiers identifiers, TargetTable table, StageShape shape) throws SQLException {
        this(identifiers, table, shape, false);
    }

    /** @param slice replace-partitions also covers the value in {@link #SLICE} (see {@link #createSlice()}) */
    public LoadSql(Identifiers identifiers, TargetTable table, StageShape shape, boolean slice) throws SQLException {
        this.shape = shape;
        this.target = table.quotedName();
        this.stage = identifiers.quote(STAGE);
        this.line = identifiers.quote(LINE);
        this.staged = quoteAll(identifiers, shape.staged());
        this.keys = quoteAll(identifiers, shape.key());
        List<Column> nonKey = new ArrayList<>(shape.staged());
        nonKey.removeAll(shape.key());
        this.set = quoteAll(identifiers, nonKey);
        this.compared = quoteAll(identifiers, shape.compared());
        this.comparedAs = shape.compared().stream().map(c -> c.kind() == ColumnKind.OTHER ? "::text" : "").toList();
        this.firstLoadedAt = quoteOrNull(identifiers, shape.firstLoadedAt());
        this.version = quoteOrNull(identifiers, shape.version());
        this.partition = quoteOrNull(identifiers, shape.partition());
        this.watermark = quoteOrNull(identifiers, shape.watermark());
        this.slice = slice && partition != null ? identifiers.quote(SLICE) : null;
    }

    public StageShape shape() {
        return shape;
    }

    private static List<String> quoteAll(Identifiers identifiers, List<Column> columns) throws SQLException {
        List<String> quoted = new ArrayList<>();
        for (Column column : columns) {
            quoted.add(identifiers.quote(column.name()));
        }
        return quoted;
    }

    private static String quoteOrNull(Identifiers identifiers, Column column) throws SQLException {
        return column == null ? null : identifiers.quote(column.name());
    }

    /** A session-private table shaped like the staged target columns plus the source line number. */
    public String createStage() {
        return "CREATE TEMP TABLE " + stage + " ON COMMIT DROP AS SELECT " + String.join(", ", staged)
                + ", NULL::bigint AS " + line + " FROM " + target + " WITH NO DATA";
    }

    /**
     * The partition value a load replaces although its rows may name it nowhere (a pull bound to its logical date
     * whose rows all disappeared); filled by {@link #insertSlice()}.
     */
    public String createSlice() {
        return "CREATE TEMP TABLE " + slice + " (p " + shape.partition().sqlType() + ") ON COMMIT DROP";
    }

    /** Parameter: the value, as text. */
    public String insertSlice() {
        return "INSERT INTO " + slice + " VALUES (?::" + shape.partition().sqlType() + ")";
    }

    /** The direct path of a first load: the file's rows straight into the empty target. */
    public String copyIntoTarget(boolean binary) {
        return "COPY " + target + " (" + String.join(", ", staged) + ") FROM STDIN" + format(binary);
    }

    public String copyIntoStage(boolean binary) {
        return "COPY " + stage + " (" + String.join(", ", staged) + ", " + line + ") FROM STDIN" + format(binary);
    }

    private static String format(boolean binary) {
        return binary ? " (FORMAT binary)" : "";
    }

    /**
     * Keeps one line per key and deletes the others; the count is the in-file duplicates. The last line wins, or
     * with a version column the highest version, line order breaking ties.
     */
    public String dropDuplicates() {
        if (version == null) {
            // d's columns are renamed to names of onceload's own (d.k1, ..., d.keep): a key column called "keep"
            // would otherwise make d.keep ambiguous
            StringBuilder renamed = new StringBuilder();
            StringBuilder matched = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                renamed.append("k").append(i + 1).append(", ");
                matched.append(i == 0 ? "" : " AND ").append("s.").append(keys.get(i)).append(" = d.k").append(i + 1);
            }
            return "DELETE FROM " + stage + " s USING (SELECT " + String.join(", ", keys) + ", max(" + line
                    + ") FROM " + stage + " GROUP BY " + String.join(", ", keys) + " HAVING count(*) > 1) d("
                    + renamed + "keep) WHERE " + matched + " AND s." + line + " < d.keep";
        }
        // one sort instead of a self-join, whose cost grows with the square of a key's duplicates
        return "DELETE FROM " + stage + " s USING (SELECT " + line + " AS line, row_number() OVER (PARTITION BY "
                + String.join(", ", keys) + " ORDER BY " + version + " DESC, " + line + " DESC) AS rank FROM " + stage
                + ") r WHERE s." + line + " = r.line AND r.rank > 1";
    }

    /**
     * Statistics for the columns the publish joins and groups on; the row count comes with them. All columns took
     * twice as long (0.14 s for 1M rows) and changed no plan.
     */
    public String analyzeStage() {
        java.util.Set<String> columns = new java.util.LinkedHashSet<>(keys);
        if (partition != null) {
            columns.add(partition);
        }
        return "ANALYZE " + stage + " (" + String.join(", ", columns) + ")";
    }

    /**
     * One aggregation over the staging table for the audit before publish: rows, distinct keys, and keys that are
     * NULL. Rows minus distinct keys is the number of in-file duplicates, so the delete runs only when there are.
     */
    public String audit() {
        String nullKey = keys.stream().map(k -> k + " IS NULL").collect(Collectors.joining(" OR "));
        // g holds no column of the table, only its own two (renamed by g(n, null_key)), so no key column's name
        // can make a reference to them ambiguous
        return "SELECT coalesce(sum(g.n), 0), count(*), count(*) FILTER (WHERE g.null_key) FROM (SELECT count(*),"
                + " bool_or(" + nullKey + ") FROM " + stage + " GROUP BY " + String.join(", ", keys)
                + ") g(n, null_key)";
    }

    /** Serialises publishers of one target table; the argument is {@link #lockName()}. */
    public String lockTarget() {
        return "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";
    }

    public String lockName() {
        return "onceload:publish:" + target;
    }

    /** Drops staged rows below the stored watermark (parameters: pipeline, column); null without a watermark. */
    public String dropBelowWatermark() {
        return watermark == null ? null : "DELETE FROM " + stage + " WHERE " + watermark + " < (SELECT value FROM"
                + " onceload.watermark WHERE pipeline = ? AND column_name = ?)::" + shape.watermark().sqlType();
    }

    /**
     * Moves the watermark to a new value, never backwards; a watermark kept for another column is replaced
     * (parameters: pipeline, column, value, run id).
     */
    public String advanceWatermark() {
        String type = shape.watermark().sqlType();
        return "INSERT INTO onceload.watermark AS w (pipeline, column_name, value, run_id) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (pipeline) DO UPDATE SET value = EXCLUDED.value, column_name = EXCLUDED.column_name,"
                + " run_id = EXCLUDED.run_id, updated_at = now() WHERE CASE WHEN w.column_name <> EXCLUDED.column_name"
                + " THEN true ELSE EXCLUDED.value::" + type + " > w.value::" + type + " END";
    }

    /**
     * After the writes: staged rows the target now holds with the file's values, and (with a watermark) the
     * highest watermark value among them. Everything else was ignored or stale.
     */
    public String countPublished() {
        String max = watermark == null ? "NULL" : "max(s." + watermark + ")::text";
        String equal = compared.isEmpty() ? "true" : compared("t") + " IS NOT DISTINCT FROM " + compared("s");
        return "SELECT count(*), " + max + " FROM " + stage + " s JOIN " + target + " t ON " + match("t", "s")
                + " WHERE " + equal;
    }

    /** Like {@link #countPublished()} when every staged row was written: no join needed. */
    public String maxWatermark() {
        return watermark == null ? "SELECT NULL, NULL" : "SELECT NULL, max(" + watermark + ")::text FROM " + stage;
    }

    /**
     * replace-partitions: staged keys that the target holds in a partition the file does not cover, a NULL
     * partition value included (no staged value equals it; a {@code NOT IN} would never be true for it).
     */
    public String countKeysInOtherPartitions() {
        return "SELECT count(*) FROM " + stage + " s JOIN " + target + " t ON " + match("t", "s")
                + " WHERE NOT EXISTS (SELECT 1 FROM " + stage + " p WHERE p." + partition + " = t." + partition + ")"
                + (slice == null ? "" : " AND NOT EXISTS (SELECT 1 FROM " + slice + " WHERE p = t." + partition + ")");
    }

    /** Post-verify for the replace modes: target rows in the file's scope (whole table, or its partitions). */
    public String countTargetRowsInScope() {
        return "SELECT count(*) FROM " + target + (partition == null ? ""
                : " WHERE " + partition + " IN " + scope());
    }

    /** The partition values replaced: the staged ones, and the slice's. */
    private String scope() {
        return "(SELECT s." + partition + " FROM " + stage + " s"
                + (slice == null ? "" : " UNION ALL SELECT p FROM " + slice) + ")";
    }

    /** Target rows the file no longer has: all of them (replace) or those of the file's partitions. */
    public String deleteAbsent() {
        String inPartitions = partition == null ? ""
                : "t." + partition + " IN " + scope() + " AND ";
        return "DELETE FROM " + target + " t WHERE " + inPartitions + "NOT EXISTS (SELECT 1 FROM " + stage + " s WHERE "
                + match("t", "s") + ")";
    }

    /**
     * Updates only rows whose compared values differ, so identical rows cost no write at all; with a version
     * column only when the file's version is not older. Null when there is nothing but the key to update.
     */
    public String updateChanged() {
        if (compared.isEmpty()) {
            return null;
        }
        String assignments = set.stream().map(v -> v + " = s." + v).collect(Collectors.joining(", "));
        String notOlder = version == null ? "" : " AND (t." + version + " IS NULL OR s." + version + " >= t." + version + ")";
        return "UPDATE " + target + " t SET " + assignments + " FROM " + stage + " s WHERE " + match("t", "s")
                + " AND " + compared("t") + " IS DISTINCT FROM " + compared("s") + notOlder;
    }

    /**
     * Inserts new keys and updates changed rows in one join of stage and target; rows equal to the file are not
     * touched. With {@code returning} (PostgreSQL 17+) it answers how many rows it inserted and updated
     * ({@code merge_action()}); without (15 and 16), {@link #writeCounters()} tells them.
     *
     * @param updates false for insert-only: an existing key is left as it is
     */
    public String mergeChanges(boolean updates, boolean returning) {
        StringBuilder merge = new StringBuilder("MERGE INTO " + target + " t USING " + stage + " s ON "
                + match("t", "s"));
        if (updates && !compared.isEmpty()) {
            String assignments = set.stream().map(v -> v + " = s." + v).collect(Collectors.joining(", "));
            String notOlder = version == null ? ""
                    : " AND (t." + version + " IS NULL OR s." + version + " >= t." + version + ")";
            merge.append(" WHEN MATCHED AND ").append(compared("t")).append(" IS DISTINCT FROM ")
                    .append(compared("s")).append(notOlder).append(" THEN UPDATE SET ").append(assignments);
        }
        String columns = String.join(", ", staged) + (firstLoadedAt == null ? "" : ", " + firstLoadedAt);
        String values = prefixed("s", staged) + (firstLoadedAt == null ? "" : ", now()");
        merge.append(" WHEN NOT MATCHED THEN INSERT (").append(columns).append(") VALUES (").append(values).append(')');
        return returning ? "WITH m AS (" + merge + " RETURNING merge_action() AS action) SELECT count(*) FILTER"
                + " (WHERE action = 'INSERT'), count(*) FILTER (WHERE action = 'UPDATE') FROM m" : merge.toString();
    }

    /**
     * This transaction's tuples inserted, updated and deleted so far in the target (its leaf partitions when it is
     * partitioned). Read before and after a {@link #mergeChanges(boolean, boolean) MERGE} without RETURNING, the
     * differences are what it wrote: the counters only reach the shared statistics outside a transaction.
     * Parameter: the target's quoted name, twice.
     */
    public String writeCounters() {
        return "SELECT coalesce(sum(pg_stat_get_xact_tuples_inserted(r)), 0),"
                + " coalesce(sum(pg_stat_get_xact_tuples_updated(r)), 0),"
                + " coalesce(sum(pg_stat_get_xact_tuples_deleted(r)), 0)"
                + " FROM (SELECT ?::regclass UNION SELECT relid FROM pg_partition_tree(?::regclass) WHERE isleaf) p(r)";
    }

    /**
     * What the publish's write may rely on. First, whether nothing but its own statement writes the target's rows:
     * no trigger of a user's (the foreign keys' are the server's) and no row security, on the target or its
     * partitions; only then do the statement's row counts say that the target now holds the file's values. Second,
     * whether the server counts tuples ({@code track_counts}, which {@link #writeCounters()} needs). Parameter: the
     * target's quoted name, twice.
     */
    public String writeConditions() {
        return "WITH t(r) AS (SELECT ?::regclass UNION SELECT relid FROM pg_partition_tree(?::regclass))"
                + " SELECT NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN t ON g.tgrelid = t.r WHERE NOT g.tgisinternal)"
                + " AND NOT EXISTS (SELECT 1 FROM pg_class c JOIN t ON c.oid = t.r WHERE c.relrowsecurity),"
                + " current_setting('track_counts')::boolean";
    }

    /**
     * Whether the target has no row at all (then every staged row is new), and whether the catalog claims it has
     * no pages while it has rows (then its statistics are stale enough to mislead the join planning). Parameter:
     * the target's quoted name.
     */
    public String targetState() {
        return "SELECT NOT EXISTS (SELECT 1 FROM " + target + "), (SELECT relpages = 0 FROM pg_class WHERE oid ="
                + " ?::regclass)";
    }

    public String analyzeTarget() {
        return "ANALYZE " + target;
    }

    /**
     * Inserts the staged rows whose key the target lacks. Into an empty target without the anti-join: a just
     * truncated table has zero pages in the catalog, the planner then scans it once per staged row, and that
     * scan grows with every row inserted (a 1M-row load took more than ten minutes).
     */
    public String insertNew(boolean targetEmpty) {
        String columns = String.join(", ", staged) + (firstLoadedAt == null ? "" : ", " + firstLoadedAt);
        String values = prefixed("s", staged) + (firstLoadedAt == null ? "" : ", now()");
        return "INSERT INTO " + target + " (" + columns + ") SELECT " + values + " FROM " + stage + " s"
                + (targetEmpty ? "" : " WHERE NOT EXISTS (SELECT 1 FROM " + target + " t WHERE " + match("t", "s") + ")");
    }

    /** Post-verify: keys of this file that occur more than once in the target (only they can have gained one). */
    public String countDuplicateKeys() {
        return "SELECT count(*) FROM (SELECT 1 FROM " + target + " t WHERE EXISTS (SELECT 1 FROM " + stage
                + " s WHERE " + match("t", "s") + ") GROUP BY " + prefixed("t", keys) + " HAVING count(*) > 1) d";
    }

    private String match(String left, String right) {
        return keys.stream().map(k -> left + "." + k + " = " + right + "." + k).collect(Collectors.joining(" AND "));
    }

    private static String prefixed(String alias, List<String> names) {
        return names.stream().map(n -> alias + "." + n).collect(Collectors.joining(", "));
    }

    /** The compared columns as an explicit row: {@code (a)} alone would be a scalar, {@code ROW(a)} a row of one. */
    private String compared(String alias) {
        StringBuilder row = new StringBuilder("ROW(");
        for (int i = 0; i < compared.size(); i++) {
            row.append(i == 0 ? "" : ", ").append(alias).append('.').append(compared.get(i)).append(comparedAs.get(i));
        }
        return row.append(')').toString();
    }
}
