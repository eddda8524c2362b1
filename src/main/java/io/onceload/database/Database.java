package io.onceload.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import io.onceload.schedule.QuartzTables;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool plus the schema: onceload's own tables (schema {@code onceload}) and then the user's
 * migrations folder, each with its own Flyway history.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final EmbeddedServer embedded;
    private final HikariDataSource pool;

    private Database(EmbeddedServer embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
    }

    /**
     * @param dataDir where the embedded server keeps its data, used only when {@code settings} has no URL
     * @param migrations folder of the user's {@code V<n>__*.sql} files; skipped when it does not exist
     */
    public static Database open(DatabaseSettings settings, Path dataDir, Path migrations) throws IOException {
        return open(settings, dataDir, migrations, Migrations.FULL);
    }

    /** @param migrate how the schemas are brought up to date (never for the read-only query command) */
    public static Database open(DatabaseSettings settings, Path dataDir, Path migrations, Migrations migrate)
            throws IOException {
        EmbeddedServer embedded = settings.isEmbedded() ? EmbeddedServer.startOrJoin(dataDir) : null;
        DatabaseSettings effective = embedded == null ? settings : embedded.settings();
        LOG.info("Database: {}", effective);
        HikariConfig config = new HikariConfig();
        config.setPoolName("onceload");
        config.setJdbcUrl(effective.url());
        config.setUsername(effective.user());
        config.setPassword(effective.password());
        // a run holds its pipeline's lock session, its load's and its tasks' connections: room for a few at once
        config.setMaximumPoolSize(16);
        config.addDataSourceProperty("ApplicationName", "onceload");
        // one idle connection keeps a running service visible to an embedded server's other users (see EmbeddedServer)
        config.setMinimumIdle(1);
        // fail fast at startup only when the database is really absent; the loader retries later outages
        config.setInitializationFailTimeout(30_000);
        config.setConnectionTimeout(10_000);
        // a host that vanishes (power loss, a cut network) must not hold its run lock for the kernel's two hours:
        // the server probes an idle session after 10 s and drops it after three unanswered probes 5 s apart
        config.setConnectionInitSql("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5;"
                + " SET tcp_keepalives_count = 3");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            migrate.apply(pool, migrations);
        } catch (RuntimeException e) {
            pool.close();
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        return new Database(embedded, pool);
    }

    static void migrate(DataSource dataSource, Path migrations) {
        Flyway.configure().dataSource(dataSource).schemas("onceload").createSchemas(true)
                .locations("classpath:db/onceload").javaMigrations(new QuartzTables()).table("flyway_schema_history").load()
                .migrate();
        if (migrations != null && Files.isDirectory(migrations)) {
            Flyway.configure().dataSource(dataSource).schemas("public")
                    .locations("filesystem:" + migrations.toAbsolutePath())
                    .table("onceload_user_migrations").baselineOnMigrate(true).baselineVersion("0")
                    .load().migrate();
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** A connection of its own to the same database as another user, outside the pool. */
    public java.sql.Connection connectAs(String user, String password) throws java.sql.SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "onceload");
        return java.sql.DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    @Override
    public void close() throws IOException {
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
