package io.onceload.cli;

import io.onceload.database.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Commands that only look at the database get a session that cannot write, not even after a {@code commit};
 * it runs no migrations and ends with a rollback.
 */
final class ReadOnlySession implements AutoCloseable {

    private final Database database;
    private final Connection connection;

    private ReadOnlySession(Database database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    static ReadOnlySession open(CommonOptions options) throws Exception {
        Database database = Database.open(options.database(), options.data, null, false);
        try {
            Connection connection = database.dataSource().getConnection();
            // a session default, so a "commit; delete ..." cannot write in a second transaction either
            try (Statement session = connection.createStatement()) {
                session.execute("SET SESSION default_transaction_read_only = on");
            }
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            return new ReadOnlySession(database, connection);
        } catch (Exception e) {
            database.close();
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws Exception {
        try (Database closing = database; Connection open = connection) {
            open.rollback();
        }
    }
}
