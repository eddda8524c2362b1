package io.onceload.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: a real PostgreSQL 17 persisted under {@code <data>/postgres}, listening on 127.0.0.1 only.
 * A process that finds it already running (another onceload command, or a server left by a killed one) joins it.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    private final EmbeddedPostgres started;
    private final int port;

    private EmbeddedServer(EmbeddedPostgres started, int port) {
        this.started = started;
        this.port = port;
    }

    /** Joins the server running on {@code dataDir}, or starts one there. */
    public static EmbeddedServer startOrJoin(Path dataDir) throws IOException {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        Optional<Integer> running = runningPort(pgData);
        if (running.isPresent()) {
            LOG.info("Joined the embedded PostgreSQL already running on {}", pgData);
            return log(new EmbeddedServer(null, running.get()), pgData);
        }
        Files.createDirectories(pgData);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // zonky's test defaults trade durability for speed; a committed ledger row must survive a crash
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(120))
                // stopped by close(), after Camel has finished its in-flight loads
                .setRegisterShutdownHook(false)
                .start();
        return log(new EmbeddedServer(postgres, postgres.getPort()), pgData);
    }

    private static EmbeddedServer log(EmbeddedServer server, Path pgData) {
        LOG.info("Embedded PostgreSQL on 127.0.0.1:{} (data {}). Connect with: psql -h 127.0.0.1 -p {} -U postgres"
                + " postgres   or   {} (user postgres, no password)", server.port, pgData, server.port,
                server.jdbcUrl());
        return server;
    }

    /** The port from {@code postmaster.pid}, if a server answers there. */
    private static Optional<Integer> runningPort(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 4) {
            return Optional.empty();
        }
        int port;
        try {
            port = Integer.parseInt(lines.get(3).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "3");
        try (Connection ignored = DriverManager.getConnection(url(port), props)) {
            return Optional.of(port);
        } catch (SQLException e) {
            LOG.debug("no server answers on port {} of {}: {}", port, pidFile, e.getMessage());
            return Optional.empty();
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String jdbcUrl() {
        return url(port);
    }

    public DatabaseSettings settings() {
        return new DatabaseSettings(jdbcUrl(), "postgres", null);
    }

    /** Stops the server if this process started it; a joined server belongs to whoever started it. */
    @Override
    public void close() throws IOException {
        if (started != null) {
            started.close();
        }
    }
}
