package io.onceload.cli;

import io.onceload.database.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Commands that only look at the database get a session that cannot write, not even after a {@code commit};
 * it runs no migrations and ends with a rollback. User SQL ({@code query}) runs as {@link #READER}, a login role
 * that holds no privilege to write, because a session setting can be undone by the statement itself.
 */
final class ReadOnlySession implements AutoCloseable {

    /** Created by onceload's migration V4 with {@code pg_read_all_data} only. */
    static final String READER = "onceload_reader";

    private final Database database;
    private final Connection connection;

    private ReadOnlySession(Database database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    /** onceload's own reads (run history): the configured user in a read-only session. */
    static ReadOnlySession open(CommonOptions options) throws Exception {
        Database database = Database.open(options.database(), options.data, null, io.onceload.database.Migrations.NONE);
        try {
            return new ReadOnlySession(database, readOnly(database.dataSource().getConnection()));
        } catch (Exception e) {
            database.close();
            throw e;
        }
    }

    /** A session of the {@link #READER} role, for SQL the user wrote. */
    static ReadOnlySession openAsReader(CommonOptions options) throws Exception {
        Database database = Database.open(options.database(), options.data, null, io.onceload.database.Migrations.NONE);
        try {
            return new ReadOnlySession(database, readOnly(reader(database)));
        } catch (Exception e) {
            database.close();
            throw e;
        }
    }

    /**
     * The embedded server trusts local logins; an external one asks for a password, so the reader gets a fresh
     * random one that expires in a minute, set by the configured user (which needs CREATEROLE for it).
     */
    private static Connection reader(Database database) throws SQLException {
        try {
            return database.connectAs(READER, null);
        } catch (SQLException e) {
            if (!"28P01".equals(e.getSQLState())) {
                throw missingRole(e);
            }
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        try (Connection admin = database.dataSource().getConnection(); Statement statement = admin.createStatement()) {
            // ALTER ROLE takes no parameters; the password is hex and the date ISO, so nothing can break out
            statement.execute("ALTER ROLE " + READER + " PASSWORD '" + password + "' VALID UNTIL '"
                    + Instant.now().plus(1, ChronoUnit.MINUTES) + "'");
        }
        try {
            return database.connectAs(READER, password);
        } catch (SQLException e) {
            throw missingRole(e);
        }
    }

    private static SQLException missingRole(SQLException cause) {
        return new SQLException("cannot log in as the read-only role " + READER + " (" + cause.getMessage() + "). Start"
                + " the service once so its migrations create it, or as an administrator: CREATE ROLE " + READER
                + " LOGIN; GRANT pg_read_all_data TO " + READER + ";", cause.getSQLState(), cause);
    }

    private static Connection readOnly(Connection connection) throws SQLException {
        try {
            // a session default, so a "commit; delete ..." cannot write in a second transaction either
            try (Statement session = connection.createStatement()) {
                session.execute("SET SESSION default_transaction_read_only = on");
            }
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException e) {
            connection.close();
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
