package io.onceload.notify;

import io.onceload.health.DatabaseHealth;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the health probe's transitions into {@code database-down} and {@code database-up} notifications. An outage
 * cannot be recorded in the database while it lasts, so both are enqueued once it is reachable again; an outage
 * whose enqueue fails (the pool is not back yet) is kept and tried again at every tick of the notify timer.
 */
public final class OutageNotifier implements Consumer<DatabaseHealth.Status> {

    private static final Logger LOG = LoggerFactory.getLogger(OutageNotifier.class);

    /** One outage, over. */
    private record Outage(Instant down, Instant up, String error) {
    }

    private final DataSource dataSource;
    private final Notifications notifications;
    private final List<Outage> over = new ArrayList<>();
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
        if (downSince != null) {
            over.add(new Outage(downSince, status.since(), error));
            downSince = null;
        }
        flush();
    }

    /** Enqueues the events of every outage that is over and not yet recorded. */
    synchronized void flush() {
        while (!over.isEmpty()) {
            Outage outage = over.get(0);
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                notifications.databaseRecovered(connection, outage.down(), outage.up(), outage.error());
                connection.commit();
                over.remove(0);
            } catch (SQLException e) {
                LOG.debug("the database outage notifications wait for the pool: {}", e.getMessage());
                return;
            }
        }
    }
}
