package io.onceload.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.schedule.QuartzTables;
import io.onceload.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's shortcut past Flyway holds only when nothing is missing, and never hides a migration to apply. */
class MigrationsTest {

    @TempDir
    Path folder;

    @Test
    void theLatestOwnVersionIsTheLatestMigrationShipped() throws Exception {
        int latest;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/onceload"))) {
            latest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V[0-9]+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        latest = Math.max(latest, Integer.parseInt(new QuartzTables().getVersion().getVersion()));
        assertThat(Migrations.OWN_LATEST).isEqualTo(String.valueOf(latest));
    }

    @Test
    void aNewUserMigrationIsAppliedByACommandAndThenTheShortcutHolds() throws Exception {
        Files.copy(Path.of("migrations/V1__orders.sql"), folder.resolve("V1__orders.sql"));
        Files.copy(Path.of("migrations/V2__daily_revenue.sql"), folder.resolve("V2__daily_revenue.sql"));
        TestDatabase.settings();
        assertThat(Migrations.current(TestDatabase.dataSource(), folder)).as("the test database has both").isTrue();

        Files.writeString(folder.resolve("V3_1__note.sql"), "CREATE TABLE IF NOT EXISTS public.migrations_test_note"
                + " (id int);\n");
        assertThat(Migrations.current(TestDatabase.dataSource(), folder)).as("V3.1 is missing").isFalse();
        try {
            Migrations.WHEN_BEHIND.apply(TestDatabase.dataSource(), folder);
            assertThat(TestDatabase.count("SELECT count(*) FROM public.onceload_user_migrations"
                    + " WHERE version = '3.1'")).isEqualTo(1);
            assertThat(Migrations.current(TestDatabase.dataSource(), folder)).isTrue();

            Files.writeString(folder.resolve("R__view.sql"), "SELECT 1;\n");
            assertThat(Migrations.current(TestDatabase.dataSource(), folder)).as("a repeatable one: Flyway decides")
                    .isFalse();
        } finally {
            TestDatabase.execute("DELETE FROM public.onceload_user_migrations WHERE version = '3.1'",
                    "DROP TABLE IF EXISTS public.migrations_test_note");
        }
    }
}
