package io.onceload.notify;

import io.onceload.health.DatabaseHealth;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the health probe's transitions into {@code database-down} and {@code database-up} notifications. An outage
 * cannot be recorded in the database while it lasts, so both are enqueued when it is reachable again.
 */
public final class OutageNotifier implements Consumer<DatabaseHealth.Status> {

    private static final Logger LOG = LoggerFactory.getLogger(OutageNotifier.class);

    private final DataSource dataSource;
    private final Notifications notifications;
    private Instant downSince;
    private String error;

    public OutageNotifier(DataSource dataSource, Notifications notifications) {
        this.dataSource = dataSource;
        this.notifications = notifications;
    }

    @Override
    public synchronized void accept(DatabaseHealth.Status status) {
        if (!status.healthy()) {
            if (downSince == null) {
                downSince = status.since();
                error = status.error().orElse(null);
            }
            return;
        }
        if (downSince == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            notifications.databaseRecovered(connection, downSince, status.since(), error);
            connection.commit();
            downSince = null;
        } catch (SQLException e) {
            // reachable for the probe, not yet for the pool: the next recovery enqueues this outage's events
            LOG.warn("could not enqueue the database outage notifications yet: {}", e.getMessage());
        }
    }
}
