package io.onceload.database;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** How a process brings the schemas up to date before it uses them; the choice is the caller's, made once. */
public enum Migrations {

    /** Flyway validates and migrates both schemas: the service, whose start should catch an edited migration. */
    FULL {
        @Override
        void apply(DataSource dataSource, Path userMigrations) {
            Database.migrate(dataSource, userMigrations);
        }
    },
    /**
     * A CLI command: Flyway runs only when a migration is missing from either history (about 0.3 s of its start
     * saved otherwise); checksums are validated by the service's start.
     */
    WHEN_BEHIND {
        @Override
        void apply(DataSource dataSource, Path userMigrations) {
            if (!current(dataSource, userMigrations)) {
                Database.migrate(dataSource, userMigrations);
            }
        }
    },
    /** Read-only use (the query command): the schema is never changed. */
    NONE {
        @Override
        void apply(DataSource dataSource, Path userMigrations) {
            // nothing
        }
    };

    /** The latest version of onceload's own migrations (SQL in db/onceload and {@code QuartzTables}). */
    static final String OWN_LATEST = "10";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");

    abstract void apply(DataSource dataSource, Path userMigrations);

    /** Both histories hold every migration there is, none failed; anything unexpected answers false. */
    static boolean current(DataSource dataSource, Path userMigrations) {
        try (Connection connection = dataSource.getConnection()) {
            if (!applied(connection, "onceload.flyway_schema_history").contains(OWN_LATEST)) {
                return false;
            }
            Set<String> files = fileVersions(userMigrations);
            return files.isEmpty() || applied(connection, "public.onceload_user_migrations").containsAll(files);
        } catch (SQLException | IOException e) {
            return false; // no history yet, or unreadable: Flyway decides
        }
    }

    /** Versions applied successfully; empty as soon as one failed, which Flyway must report. */
    private static Set<String> applied(Connection connection, String table) throws SQLException {
        Set<String> versions = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version, success FROM " + table)) {
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return Set.of();
                }
                if (rs.getString(1) != null) {
                    versions.add(rs.getString(1));
                }
            }
        }
        return versions;
    }

    /** {@code V<version>__*.sql} in the folder; a repeatable or unknown .sql file makes it unknowable (null-safe). */
    static Set<String> fileVersions(Path folder) throws IOException {
        Set<String> versions = new HashSet<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return versions;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.sql")) {
            for (Path file : files) {
                Matcher matcher = VERSIONED.matcher(file.getFileName().toString());
                if (!matcher.matches()) {
                    throw new IOException("not a versioned migration: " + file); // Flyway knows what to do
                }
                versions.add(matcher.group(1).replace('_', '.'));
            }
        }
        return versions;
    }
}
