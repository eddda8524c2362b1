package io.onceload.load;

import io.onceload.table.LoadSql;
import io.onceload.table.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** How a publish writes the staged rows that are new or changed, and learns how many it inserted and updated. */
enum TargetWrite {

    /** An empty target: every staged row is new, inserted without looking for its key. */
    INSERT_ALL {
        @Override
        Written write(Connection connection, Statement statement, LoadSql sql, TargetTable table, boolean updates)
                throws SQLException {
            return new Written(statement.executeUpdate(sql.insertNew(true)), 0);
        }
    },

    /** PostgreSQL 17+: one MERGE, whose RETURNING tells each row's action. */
    MERGE_RETURNING {
        @Override
        Written write(Connection connection, Statement statement, LoadSql sql, TargetTable table, boolean updates)
                throws SQLException {
            try (ResultSet rs = statement.executeQuery(sql.mergeChanges(updates, true))) {
                rs.next();
                return new Written(rs.getLong(1), rs.getLong(2));
            }
        }
    },

    /**
     * PostgreSQL 15 and 16 (MERGE without RETURNING): the same MERGE, counted by the transaction's own tuple
     * counters around it. A row that an update moved to another partition counts there as an insert and a delete:
     * the MERGE deletes nothing else, so each delete turns one insert back into an update.
     */
    MERGE_COUNTED {
        @Override
        Written write(Connection connection, Statement statement, LoadSql sql, TargetTable table, boolean updates)
                throws SQLException {
            long[] before = counters(connection, sql, table);
            statement.executeUpdate(sql.mergeChanges(updates, false));
            long[] after = counters(connection, sql, table);
            long moved = after[2] - before[2];
            return new Written(after[0] - before[0] - moved, after[1] - before[1] + moved);
        }
    },

    /**
     * Before PostgreSQL 17 where the server does not count tuples ({@code track_counts} off) or a trigger writes
     * the target too: an UPDATE of the changed rows, then an INSERT of the absent keys; each answers its own count,
     * at the price of a second join.
     */
    UPDATE_THEN_INSERT {
        @Override
        Written write(Connection connection, Statement statement, LoadSql sql, TargetTable table, boolean updates)
                throws SQLException {
            long updated = updates && sql.updateChanged() != null ? statement.executeUpdate(sql.updateChanged()) : 0;
            return new Written(statement.executeUpdate(sql.insertNew(false)), updated);
        }
    };

    /** Rows inserted and updated by one write. */
    record Written(long inserted, long updated) {
    }

    /**
     * What the write may rely on, read once per publish ({@link LoadSql#writeConditions()}).
     *
     * @param plain nothing but the write itself changes the target's rows: no trigger of a user's, no row security
     * @param counted the server counts tuples, so a MERGE without RETURNING can be counted
     */
    record Conditions(boolean plain, boolean counted) {

        static Conditions read(Connection connection, LoadSql sql, TargetTable table) throws SQLException {
            try (PreparedStatement read = connection.prepareStatement(sql.writeConditions())) {
                read.setString(1, table.quotedName());
                read.setString(2, table.quotedName());
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    return new Conditions(rs.getBoolean(1), rs.getBoolean(2));
                }
            }
        }
    }

    /** @param updates false for insert-only: an existing key is left as it is */
    abstract Written write(Connection connection, Statement statement, LoadSql sql, TargetTable table, boolean updates)
            throws SQLException;

    /** The write this server and this target take; a trigger's own writes would be counted with a MERGE's. */
    static TargetWrite of(Connection connection, boolean empty, Conditions conditions) throws SQLException {
        if (empty) {
            return INSERT_ALL;
        }
        int major = connection.getMetaData().getDatabaseMajorVersion();
        if (major >= 17) {
            return MERGE_RETURNING;
        }
        // MERGE exists since 15; onceload needs 15, but an older server gets statements it can run
        return major >= 15 && conditions.plain() && conditions.counted() ? MERGE_COUNTED : UPDATE_THEN_INSERT;
    }

    /** Inserted, updated, deleted so far in this transaction. */
    private static long[] counters(Connection connection, LoadSql sql, TargetTable table) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(sql.writeCounters())) {
            read.setString(1, table.quotedName());
            read.setString(2, table.quotedName());
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }
}
