package io.onceload.load;

import io.onceload.config.LoadMode;
import io.onceload.config.LoadRules;
import io.onceload.csv.BadFileException;
import io.onceload.ledger.Counts;
import io.onceload.ledger.Ledger;
import io.onceload.ledger.RunHistory;
import io.onceload.ledger.RunRecord;
import io.onceload.ledger.RunStatus;
import io.onceload.table.LoadSql;
import io.onceload.table.TargetTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The publish step, inside the load's one transaction: under the target's advisory lock, claim the ledger, apply
 * the watermark, write what the mode asks for (and nothing that did not change), move the watermark, verify,
 * record the run.
 */
final class Publisher {

    private Publisher() {
    }

    /** @return the counts written, or empty when another publisher already claimed this content */
    /**
     * @param touchedColumns columns whose touched values the pipeline's tasks need
     * @param touched receives those values, read before the target is written
     */
    static Optional<Counts> publish(Connection connection, Staging.Staged staged, RunRecord run, LoadRules rules,
                                   TargetTable table, Path file, boolean reprocess, java.util.List<String> touchedColumns,
                                   java.util.Map<String, java.util.List<String>> touched) throws SQLException {
        LoadSql sql = staged.sql();
        lock(connection, sql);
        if (!Ledger.claim(connection, run) && !reprocess) {
            return Optional.empty();
        }
        long below = sql.dropBelowWatermark() == null ? 0
                : update(connection, sql.dropBelowWatermark(), run.pipeline(), rules.watermarkColumn());
        long rows = staged.distinct() - below;
        LoadMode mode = rules.mode();
        boolean replacing = mode == LoadMode.REPLACE || mode == LoadMode.REPLACE_PARTITIONS;
        try (Statement statement = connection.createStatement()) {
            if (mode == LoadMode.REPLACE_PARTITIONS) {
                long moved = count(statement, sql.countKeysInOtherPartitions());
                if (moved > 0) {
                    throw new BadFileException(file, moved + " keys of the file exist in " + table.name()
                            + " under a partition value the file does not cover; replacing would move them out of"
                            + " a partition the file does not replace. Nothing was published.");
                }
            }
            if (!touchedColumns.isEmpty()) {
                touched.putAll(TouchedValues.beforeWrite(connection, table, sql.shape(), mode, touchedColumns));
            }
            boolean empty = targetEmpty(connection, statement, sql, table);
            // replace-partitions only: the scope before, so post-verify sees a row that moved into it
            long scopeBefore = rules.postVerify() && mode == LoadMode.REPLACE_PARTITIONS && !empty
                    ? count(statement, sql.countTargetRowsInScope()) : 0;
            long deleted = replacing && !empty ? statement.executeUpdate(sql.deleteAbsent()) : 0;
            TargetWrite.Conditions conditions = TargetWrite.Conditions.read(connection, sql, table);
            TargetWrite write = TargetWrite.of(connection, empty, conditions);
            statement.execute(LoadSql.PREFER_KEY_LOOKUPS);
            TargetWrite.Written written = write.write(connection, statement, sql, table, mode != LoadMode.INSERT_ONLY);
            long inserted = written.inserted();
            long updated = written.updated();
            statement.execute(LoadSql.PLANNER_DEFAULTS);
            long equal;
            String watermark;
            // when every staged row was inserted or updated, PostgreSQL's own row counts already say the target holds
            // the file's values: the reconciling join (a second pass over both tables) would only repeat them. So
            // do they when every matched row was updated unless it equals the file (no version column to lose to),
            // as long as no trigger or row security can have changed or dropped what the statement wrote
            boolean allWritten = conditions.plain()
                    && (inserted + updated == rows || mode != LoadMode.INSERT_ONLY && rules.versionColumn() == null);
            try (ResultSet rs = statement.executeQuery(allWritten ? sql.maxWatermark() : sql.countPublished())) {
                rs.next();
                equal = allWritten ? rows : rs.getLong(1);
                watermark = rs.getString(2);
            }
            // rows the target does not hold with the file's values: kept older values (insert-only), or stale
            long kept = rows - equal;
            if (watermark != null) {
                update(connection, sql.advanceWatermark(), run.pipeline(), rules.watermarkColumn(), watermark,
                        run.runId());
            }
            if (rules.postVerify()) {
                verify(statement, sql, table, file, rules, rows, kept, replacing, scopeBefore - deleted + inserted);
            }
            boolean insertOnly = mode == LoadMode.INSERT_ONLY;
            Counts counts = new Counts(staged.rowsRead(), inserted, updated, equal - inserted - updated,
                    staged.rejected(), staged.duplicates(), insertOnly ? kept : 0, deleted, insertOnly ? 0 : kept,
                    below);
            RunHistory.insert(connection, run.finished(run.runId(), RunStatus.PUBLISHED, counts, null, null));
            return Optional.of(counts);
        }
    }

    /**
     * Before commit: the counts reconcile with what the target now holds, and a key not enforced by a unique index
     * occurs only once; otherwise the whole publish rolls back.
     */
    private static void verify(Statement statement, LoadSql sql, TargetTable table, Path file, LoadRules rules,
                               long rows, long kept, boolean replacing, long scopeExpected) throws SQLException {
        String problem = null;
        long duplicated = table.keyEnforced() ? 0 : count(statement, sql.countDuplicateKeys());
        if (duplicated != 0) {
            problem = duplicated + " key values of the file occur more than once in " + table.name()
                    + " (its key is not enforced by a unique index)";
        } else if (kept != 0 && rules.mode() != LoadMode.INSERT_ONLY && rules.versionColumn() == null) {
            problem = kept + " of " + rows + " rows are not in " + table.name() + " with the file's values after"
                    + " publish";
        } else if (replacing) {
            long scope = count(statement, sql.countTargetRowsInScope());
            if (scope != rows) {
                problem = table.name() + " does not hold exactly the file's " + rows + " rows in the replaced scope";
            } else if (rules.mode() == LoadMode.REPLACE_PARTITIONS && scope != scopeExpected) {
                problem = (scope - scopeExpected) + " rows moved into the file's partitions from partitions the file"
                        + " does not cover";
            }
        }
        if (problem != null) {
            throw new BadFileException(file, "post-verify failed, nothing was published: " + problem);
        }
    }

    /** Takes the target's publish lock for the rest of the transaction (re-entrant within it). */
    static void lock(Connection connection, LoadSql sql) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(sql.lockTarget())) {
            lock.setString(1, sql.lockName());
            lock.execute();
        }
    }

    /** Whether the target is empty; refreshes its statistics first when the catalog still believes it has none. */
    static boolean targetEmpty(Connection connection, Statement statement, LoadSql sql, TargetTable table)
            throws SQLException {
        try (PreparedStatement state = connection.prepareStatement(sql.targetState())) {
            state.setString(1, table.quotedName());
            try (ResultSet rs = state.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1) && rs.getBoolean(2)) {
                    statement.execute(sql.analyzeTarget());
                }
                return rs.getBoolean(1);
            }
        }
    }

    private static long count(Statement statement, String query) throws SQLException {
        try (ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        }
    }
}
