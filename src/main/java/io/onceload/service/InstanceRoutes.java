package io.onceload.service;

import io.onceload.ledger.Instance;
import io.onceload.run.PipelineRunner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A heartbeat every few seconds: this instance, when it started, and the pipelines it is running now; and, as
 * often, the inbox claims of dead instances given back.
 */
final class InstanceRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceRoutes.class);
    static final long PERIOD_MS = 5000;

    private final DataSource dataSource;
    private final PipelineRunner runner;
    private final boolean service;

    InstanceRoutes(DataSource dataSource, PipelineRunner runner, boolean service) {
        this.dataSource = dataSource;
        this.runner = runner;
        this.service = service;
    }

    @Override
    public void configure() {
        from("timer:onceload-heartbeat?period=" + PERIOD_MS).routeId("onceload-heartbeat").autoStartup(service)
                .process(exchange -> beat());
        // a file claimed by an instance that died is given back within a beat or two, not at the next start
        from("timer:onceload-claims?period=" + PERIOD_MS).routeId("onceload-claims").autoStartup(service)
                .process(exchange -> releaseClaims());
    }

    private void releaseClaims() {
        try {
            runner.releaseLeftOverClaims();
        } catch (RuntimeException e) {
            // the database is away or the inbox unwritable: the claims wait for the next beat
            LOG.debug("left-over claims not given back now: {}", e.getMessage());
        }
    }

    private void beat() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("INSERT INTO onceload.instance (name, started_at,"
                     + " heartbeat_at, running) VALUES (?, ?, now(), ?) ON CONFLICT (name) DO UPDATE"
                     + " SET started_at = excluded.started_at, heartbeat_at = now(), running = excluded.running")) {
            ps.setString(1, Instance.name());
            ps.setTimestamp(2, Timestamp.from(Instance.started()));
            ps.setArray(3, connection.createArrayOf("text", runner.running().toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            // the health probe reports an outage; a missed beat only makes the instance look idle for a moment
            LOG.debug("heartbeat not written: {}", e.getMessage());
        }
    }
}
