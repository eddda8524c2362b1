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

    /** The application name of onceload's own short probes of a server. */
    private static final String PROBE = "onceload-probe";

    private final EmbeddedPostgres started;
    private final int port;
    private final Path pgData;

    private EmbeddedServer(EmbeddedPostgres started, int port, Path pgData) {
        this.started = started;
        this.port = port;
        this.pgData = pgData;
    }

    /** Joins the server running on {@code dataDir}, or starts one there. */
    public static EmbeddedServer startOrJoin(Path dataDir) throws IOException {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        Optional<Integer> running = runningPort(pgData);
        if (running.isPresent()) {
            LOG.info("Joined the embedded PostgreSQL already running on {}", pgData);
            return log(new EmbeddedServer(null, running.get(), pgData), pgData);
        }
        Files.createDirectories(pgData);
        removeStalePidFile(pgData);
        EmbeddedPostgres postgres;
        try {
            postgres = start(pgData);
        } catch (IllegalStateException e) {
            // zonky's lock on the data directory: another onceload process is starting it right now; join that one
            LOG.info("Another process is starting the embedded PostgreSQL on {}; waiting to join it", pgData);
            return log(new EmbeddedServer(null, awaitRunning(pgData), pgData), pgData);
        }
        return log(new EmbeddedServer(postgres, postgres.getPort(), pgData), pgData);
    }

    private static EmbeddedPostgres start(Path pgData) throws IOException {
        return EmbeddedPostgres.builder()
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
    }

    private static int awaitRunning(Path pgData) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Integer> port = runningPort(pgData);
            if (port.isPresent()) {
                return port.get();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("the embedded PostgreSQL on " + pgData + " did not come up within 120 s");
    }

    private static EmbeddedServer log(EmbeddedServer server, Path pgData) {
        LOG.info("Embedded PostgreSQL on 127.0.0.1:{} (data {}). Connect with: psql -h 127.0.0.1 -p {} -U postgres"
                + " postgres   or   {} (user postgres, no password)", server.port, pgData, server.port,
                server.jdbcUrl());
        return server;
    }

    /**
     * A {@code postmaster.pid} whose process is not a PostgreSQL running on this folder (a copied or restored data
     * folder, or a pid reused since a crash) would make PostgreSQL refuse to start, or make onceload join or stop
     * a server that is not its own.
     */
    private static void removeStalePidFile(Path pgData) throws IOException {
        Optional<Long> pid = postmasterPid(pgData);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isPresent() && process.get().info().commandLine().map(line -> runsOn(line, pgData)).orElse(true)) {
            return; // a PostgreSQL on this folder, or a process that does not say what it is: PostgreSQL decides
        }
        LOG.warn("Removing the stale {}: its process {} is not a PostgreSQL running on this folder",
                pgData.resolve("postmaster.pid"), pid.get());
        Files.deleteIfExists(pgData.resolve("postmaster.pid"));
    }

    /** Whether a process's command line is a server started on {@code pgData} ({@code -D <folder>}). */
    private static boolean runsOn(String commandLine, Path pgData) {
        return commandLine.contains(pgData.toString());
    }

    /** The port from {@code postmaster.pid}, if a server answers there and its data directory is this one. */
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
        // named, so that its backend, which may outlive the close by a moment, is never taken for another user
        props.setProperty("ApplicationName", PROBE);
        try (Connection connection = DriverManager.getConnection(url(port), props);
             var statement = connection.createStatement();
             var rs = statement.executeQuery("SHOW data_directory")) {
            rs.next();
            if (!Files.isSameFile(Path.of(rs.getString(1)), pgData)) {
                LOG.warn("{} names port {}, but the server there runs on {}: not joining it", pidFile, port,
                        rs.getString(1));
                return Optional.empty();
            }
            return Optional.of(port);
        } catch (SQLException | IOException e) {
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

    /**
     * The last onceload process using the server stops it, whoever started it: a service that joined the server
     * a CLI command started must not lose its database when that command ends, and a server left behind by a
     * killed process is stopped by the next process that used it.
     */
    @Override
    public void close() throws IOException {
        if (otherClients() > 0) {
            LOG.info("Leaving the embedded PostgreSQL on 127.0.0.1:{} running: other sessions use it", port);
            return;
        }
        if (started != null) {
            started.close();
            return;
        }
        // joined: SIGTERM is PostgreSQL's smart shutdown, which still waits for any session that connects now
        // only while the server on our port says it runs on this folder is the pid in this folder's file its own;
        // a file left by a crash may name a pid that was reused since
        if (runningPort(pgData).filter(running -> running == port).isPresent()) {
            postmasterPid(pgData).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
        }
    }

    private static Optional<Long> postmasterPid(Path pgData) {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private long otherClients() {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection(jdbcUrl(), props);
             var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                     + " AND pid <> pg_backend_pid() AND application_name <> '" + PROBE + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }
}
