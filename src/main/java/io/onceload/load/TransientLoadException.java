package io.onceload.load;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/** A database failure that a later attempt of the same, idempotent load can get past. */
public class TransientLoadException extends RuntimeException {

    // connection loss, serialization failure, deadlock, server shutting down or starting, too many connections
    private static final Set<String> STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

    public TransientLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
