package io.onceload.ledger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/** Which service instance this process is, as run records and the instance list name it: {@code host:pid}. */
public final class Instance {

    /** Overrides the name, e.g. a container's stable name instead of its random host name. */
    public static final String PROPERTY = "onceload.instance";
    private static final Instant STARTED = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    private static final String NAME = resolve();

    private Instance() {
    }

    public static String name() {
        return NAME;
    }

    public static Instant started() {
        return STARTED;
    }

    /**
     * The latest start of any instance on the database, this one included: a failure recorded after it has been
     * seen by every instance's current settings, so retrying it would only fail again.
     */
    public static Instant newestStart(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT max(started_at) FROM onceload.instance")) {
            rs.next();
            java.sql.Timestamp newest = rs.getTimestamp(1);
            return newest == null || newest.toInstant().isBefore(STARTED) ? STARTED : newest.toInstant();
        }
    }

    private static String resolve() {
        String configured = System.getProperty(PROPERTY, System.getenv("ONCELOAD_INSTANCE"));
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return host() + ":" + ProcessHandle.current().pid();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
