package io.onceload.testing;

import io.onceload.database.Database;
import io.onceload.database.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** One real PostgreSQL 17 for the whole test JVM, migrated like production; tests reach it as an external URL. */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;
    private static DatabaseSettings external;
    private static Database database;

    private TestDatabase() {
    }

    /**
     * Uses this database instead of starting the embedded one, for long runs outside Maven (the soak script with
     * {@code ONCELOAD_DB_URL}); call before anything else touches the database. Its tables get reset.
     */
    public static synchronized void useExternal(DatabaseSettings settings) throws IOException {
        if (postgres != null || external != null) {
            throw new IllegalStateException("the test database is already chosen");
        }
        external = settings;
        database = Database.open(settings, null, Path.of("migrations"));
    }

    /**
     * The embedded server, or the one {@code -Donceload.test.db-url=} (with {@code -user}, {@code -password}) names:
     * {@code mvn test -Dtest=... -Donceload.test.db-url=jdbc:postgresql://host/db} runs those tests on an older
     * PostgreSQL. Its tables get reset.
     */
    public static synchronized DatabaseSettings settings() {
        String url = System.getProperty("onceload.test.db-url");
        if (url != null && external == null) {
            try {
                useExternal(new DatabaseSettings(url, System.getProperty("onceload.test.db-user"),
                        System.getProperty("onceload.test.db-password")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (external != null) {
            return external;
        }
        if (postgres == null) {
            try {
                // a fresh directory per JVM: a test run that was killed must not break the next one
                Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "test-postgres-");
                postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
                database = Database.open(externalSettings(), null, Path.of("migrations"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return externalSettings();
    }

    private static DatabaseSettings externalSettings() {
        return new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", null);
    }

    public static DataSource dataSource() {
        settings();
        return database.dataSource();
    }

    /**
     * Makes every write so far visible in pg_stat_user_tables: a backend flushes its counters before it exits, so
     * close the pools' connections and wait until their backends are gone.
     */
    public static void flushStats(DataSource... pools) throws InterruptedException {
        String others = "SELECT string_agg(pid::text, ',') FROM pg_stat_activity"
                + " WHERE application_name = 'onceload' AND pid <> pg_backend_pid()";
        String before = scalar(others);
        for (DataSource pool : pools) {
            ((com.zaxxer.hikari.HikariDataSource) pool).getHikariPoolMXBean().softEvictConnections();
        }
        ((com.zaxxer.hikari.HikariDataSource) dataSource()).getHikariPoolMXBean().softEvictConnections();
        if (before != null) {
            TestApp.await("onceload backends to exit", java.time.Duration.ofSeconds(20), () -> count(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid IN (" + before + ")") == 0);
        }
    }

    /** n_tup_ins, n_tup_upd, n_tup_del of a table; call {@link #flushStats} first. */
    public static long[] writes(String table) {
        List<String> row = rows("SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables"
                + " WHERE relid = '" + table + "'::regclass").get(0);
        return new long[] {Long.parseLong(row.get(0)), Long.parseLong(row.get(1)), Long.parseLong(row.get(2))};
    }

    /** Runs a query and returns every row as a list of strings (NULL as null). */
    public static List<List<String>> rows(String sql) {
        try (Connection connection = dataSource().getConnection()) {
            return rows(connection, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Like {@link #rows(String)} on a connection of the caller's, e.g. to another database. */
    public static List<List<String>> rows(Connection connection, String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static String scalar(String sql) {
        return rows(sql).get(0).get(0);
    }

    public static long count(String sql) {
        return Long.parseLong(scalar(sql));
    }

    public static void execute(String... statements) {
        try (Connection connection = dataSource().getConnection()) {
            execute(connection, statements);
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements), e);
        }
    }

    /** Like {@link #execute(String...)} on a connection of the caller's, e.g. to another database. */
    public static void execute(Connection connection, String... statements) {
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements), e);
        }
    }
}
