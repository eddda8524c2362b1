package io.onceload.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Commands that only look at the database get a session that cannot write, not even after a {@code commit}. */
final class ReadOnlySession {

    private ReadOnlySession() {
    }

    /** Makes the whole session read-only and opens its first transaction. */
    static Connection of(Connection connection) throws SQLException {
        // a session default, so a "commit; delete ..." cannot write in a second transaction either
        try (Statement session = connection.createStatement()) {
            session.execute("SET SESSION default_transaction_read_only = on");
        }
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        return connection;
    }
}
