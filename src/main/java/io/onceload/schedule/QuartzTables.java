package io.onceload.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 9: the tables of Quartz's JDBC job store, created by the PostgreSQL script that ships inside the Quartz
 * jar in use (so they always match its delegate), in the {@code onceload} schema. Its {@code DROP} and
 * {@code COMMIT} statements are left out: Flyway owns the transaction, and nothing exists to drop.
 */
public final class QuartzTables implements JavaMigration {

    static final String SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("9");
    }

    @Override
    public String getDescription() {
        return "quartz job store";
    }

    /** None: a later Quartz ships a slightly different script, which must not fail the validation of this one. */
    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            // unqualified names land in the first schema of the path, as the job store's table prefix expects
            statement.execute("SET LOCAL search_path = onceload");
            for (String sql : statements()) {
                statement.execute(sql);
            }
        }
    }

    static List<String> statements() throws IOException {
        String script;
        try (InputStream in = org.quartz.Scheduler.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("the Quartz jar has no " + SCRIPT);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String withoutComments = script.lines().filter(line -> !line.strip().startsWith("--"))
                .reduce("", (a, b) -> a + b + "\n");
        return Arrays.stream(withoutComments.split(";")).map(String::strip).filter(sql -> !sql.isEmpty())
                .filter(sql -> {
                    String verb = sql.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
                    return !verb.equals("DROP") && !verb.equals("COMMIT");
                }).toList();
    }
}
