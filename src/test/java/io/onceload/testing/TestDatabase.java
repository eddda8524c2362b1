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
    private static Database database;

    private TestDatabase() {
    }

    public static synchronized DatabaseSettings settings() {
        if (postgres == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target")).resolve("test-postgres");
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

    /** Runs a query and returns every row as a list of strings (NULL as null). */
    public static List<List<String>> rows(String sql) {
        try (Connection connection = dataSource().getConnection(); Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
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
        try (Connection connection = dataSource().getConnection(); Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements), e);
        }
    }
}
