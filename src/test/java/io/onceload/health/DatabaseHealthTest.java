package io.onceload.health;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.onceload.testing.TestApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The health follows a real PostgreSQL that stops and comes back, and a probe never waits long. */
class DatabaseHealthTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A pool configured like the service's, but willing to wait 30 s for a connection. */
    static HikariDataSource pool(int port, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        config.setUsername("postgres");
        config.setPassword(password);
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(-1);
        // the probe never borrows from the pool, so it needs no connections (and closes at once)
        config.setMinimumIdle(0);
        config.addDataSourceProperty("ApplicationName", "onceload");
        return new HikariDataSource(config);
    }

    @Test
    void followsThePostgresThatStopsAndComesBackAndWarnsOnce() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "health-postgres-");
        EmbeddedPostgres postgres = postgres(dir, 0);
        int port = postgres.getPort();
        ListAppender<ILoggingEvent> log = capture();
        HikariDataSource pool = pool(port, null);
        DatabaseHealth health = new DatabaseHealth(pool, INTERVAL);
        DefaultCamelContext camel = new DefaultCamelContext();
        ObjectName mbean = new ObjectName("io.onceload.test:type=health,name=restart");
        try {
            assertThat(health.start().isHealthy()).as("known when start returns").isTrue();
            health.registerMBean(mbean.toString());
            camel.start();
            DatabaseHealthCheck.register(camel, health);
            assertThat(camelCheck(camel).getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(camelReady(camel)).isTrue();

            Instant stopped = Instant.now();
            postgres.close();
            // the first errors may say the server is shutting down; a refused connection is the settled outage
            TestApp.await("the refused connection", PATIENCE,
                    () -> health.lastError().filter(e -> e.contains("127.0.0.1:" + port + " refused")).isPresent());
            assertThat(health.isHealthy()).isFalse();
            assertThat(health.since()).isAfterOrEqualTo(stopped);
            HealthCheck.Result down = camelCheck(camel);
            assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(down.getDetails()).containsEntry(DatabaseHealthCheck.ERROR, health.lastError().get());
            assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("refused"));
            assertThat(camelReady(camel)).isFalse();
            assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "Healthy")).isEqualTo(false);
            assertThat((String) ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "LastError"))
                    .contains("refused");
            long probes = health.getProbes();
            TestApp.await("five more failed probes", PATIENCE, () -> health.getProbes() >= probes + 5);
            assertThat(lines(log, Level.WARN)).hasSize(1).first().asString().contains("Database unreachable");

            postgres = postgres(dir, port);
            TestApp.await("healthy again", PATIENCE, health::isHealthy);
            assertThat(health.lastError()).isEmpty();
            assertThat(camelCheck(camel).getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(camelReady(camel)).isTrue();
            assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "Healthy")).isEqualTo(true);
            long healthyProbes = health.getProbes();
            TestApp.await("five more good probes", PATIENCE, () -> health.getProbes() >= healthyProbes + 5);
            assertThat(lines(log, Level.INFO)).hasSize(1).first().asString().contains("reachable again");
            assertThat(lines(log, Level.WARN)).hasSize(1);
        } finally {
            health.close();
            camel.close();
            pool.close();
            postgres.close();
            ((Logger) LoggerFactory.getLogger(DatabaseHealth.class)).detachAppender(log);
            delete(dir);
        }
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(mbean)).as("unregistered by close")
                .isFalse();
    }

    @Test
    void aServerThatNeverAnswersIsUnhealthyWithinSecondsNotThePoolsThirty() throws Exception {
        // accepts TCP connections (the kernel's backlog) but never speaks PostgreSQL
        try (ServerSocket silent = new ServerSocket(0);
             HikariDataSource pool = pool(silent.getLocalPort(), "s3cret-pw");
             DatabaseHealth health = new DatabaseHealth(pool, INTERVAL)) {
            long started = System.nanoTime();
            health.start();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(health.isHealthy()).isFalse();
            assertThat(health.lastError()).hasValueSatisfying(e -> assertThat(e).isNotBlank().doesNotContain("s3cret"));
        }
    }

    @Test
    void errorsKeepTheirFirstLineAndLoseThePassword() {
        SQLException e = new SQLException("bad URL jdbc:postgresql://db/x?user=a&password=hunter2&ssl=true\nmore");
        assertThat(DatabaseProbe.describe(e, null))
                .isEqualTo("bad URL jdbc:postgresql://db/x?user=a&password=***&ssl=true");
        assertThat(DatabaseProbe.describe(new SQLException("FATAL: no such role; tried hunter2"), "hunter2"))
                .isEqualTo("FATAL: no such role; tried ***");
        assertThat(DatabaseProbe.describe(new SQLException(), null)).isEqualTo("java.sql.SQLException");
    }

    /** Invokes every check like a health endpoint, at the "full" level that keeps UP results too. */
    static HealthCheck.Result camelCheck(org.apache.camel.CamelContext camel) {
        return HealthCheckHelper.invoke(camel, check -> Map.of(), check -> false, "full").stream()
                .filter(r -> r.getCheck().getId().equals(DatabaseHealthCheck.ID)).findFirst().orElseThrow();
    }

    /** What a health endpoint at Camel's default exposure level answers overall. */
    static boolean camelReady(org.apache.camel.CamelContext camel) {
        return HealthCheckHelper.isResultsUp(HealthCheckHelper.invoke(camel), true);
    }

    private static EmbeddedPostgres postgres(Path dir, int port) throws IOException {
        // kept data directory and port: the second start is the same server coming back, not a new one
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dir)
                .setCleanDataDirectory(false);
        return (port == 0 ? builder : builder.setPort(port)).start();
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(DatabaseHealth.class)).addAppender(appender);
        return appender;
    }

    private static List<String> lines(ListAppender<ILoggingEvent> log, Level level) {
        synchronized (log) {
            return log.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
