package io.onceload.table;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * Quotes identifiers for generated SQL.
 *
 * <p>Production code gets the PostgreSQL driver's own quoting from {@link #of(Connection)}: it always quotes and
 * doubles embedded quotes, so any column name PostgreSQL allows, however hostile, stays one identifier. (The
 * JDK's default {@code Statement.enquoteIdentifier} rejects names containing {@code "} and pgjdbc does not
 * override it.)
 */
@FunctionalInterface
public interface Identifiers {

    /**
     * @param name an identifier as stored in the catalogue
     * @return the name in double quotes, embedded quotes doubled
     * @throws SQLException if the name cannot be an identifier (it contains NUL)
     */
    String quote(String name) throws SQLException;

    /** The driver's quoting for this connection. */
    static Identifiers of(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        return pg::escapeIdentifier;
    }
}
