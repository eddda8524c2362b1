package io.onceload.service;

import io.onceload.ledger.Instance;
import io.onceload.run.PipelineRunner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A heartbeat every few seconds: this instance, when it started, and the pipelines it is running now. */
final class InstanceRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceRoutes.class);
    static final long PERIOD_MS = 5000;

    private final DataSource dataSource;
    private final PipelineRunner runner;
    private final boolean service;
    private final Instant started = Instant.now();

    InstanceRoutes(DataSource dataSource, PipelineRunner runner, boolean service) {
        this.dataSource = dataSource;
        this.runner = runner;
        this.service = service;
    }

    @Override
    public void configure() {
        from("timer:onceload-heartbeat?period=" + PERIOD_MS).routeId("onceload-heartbeat").autoStartup(service)
                .process(exchange -> beat());
    }

    private void beat() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("INSERT INTO onceload.instance (name, started_at,"
                     + " heartbeat_at, running) VALUES (?, ?, now(), ?) ON CONFLICT (name) DO UPDATE"
                     + " SET started_at = excluded.started_at, heartbeat_at = now(), running = excluded.running")) {
            ps.setString(1, Instance.name());
            ps.setTimestamp(2, Timestamp.from(started));
            ps.setArray(3, connection.createArrayOf("text", runner.running().toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            // the health probe reports an outage; a missed beat only makes the instance look idle for a moment
            LOG.debug("heartbeat not written: {}", e.getMessage());
        }
    }
}
