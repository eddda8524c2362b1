package io.onceload.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.Idle;
import io.onceload.testing.TestApp;
import io.onceload.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file delivered under the name of a file whose load is still waiting must be loaded itself, never archived in
 * the place of the first one as if it had been loaded.
 */
class ReplacedWhileLoadingTest {

    @TempDir
    Path home;

    private TestApp service;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.execute("DROP TABLE IF EXISTS replaced",
                "CREATE TABLE replaced (id int PRIMARY KEY, v text)",
                "INSERT INTO replaced VALUES (1, 'before')");
        service = TestApp.start(home, "replaced", TestApp.pipeline("replaced"));
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void aFileRenamedOverOneWaitingToPublishIsLoadedNextNotArchivedAsLoaded() throws Exception {
        Path inbox = service.inbox("replaced");
        try (Connection holder = TestDatabase.dataSource().getConnection()) {
            try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "onceload:publish:\"public\".\"replaced\"");
                lock.execute();
            }
            Path first = service.drop("replaced", "id,v\n10,first\n", "daily.csv");
            TestApp.await("the load of the first daily.csv to wait for the publish lock", Duration.ofSeconds(30),
                    () -> TestDatabase.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                            + " AND NOT granted") == 1);
            // delivered as the README says, by a rename, which replaces whatever holds the name
            Path part = Files.writeString(inbox.resolve(".daily.csv.part"), "id,v\n20,second\n");
            Files.move(part, first, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            try (PreparedStatement unlock = holder.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                unlock.execute();
            }
        }
        Idle.await(inbox, Duration.ofSeconds(60), () -> TestApp.filesUnder(inbox).toString());

        assertThat(TestDatabase.rows("SELECT id::text, v FROM replaced ORDER BY id")).containsExactly(
                List.of("1", "before"), List.of("10", "first"), List.of("20", "second"));
        assertThat(TestDatabase.rows("SELECT status, file_name, inserted FROM onceload.run WHERE pipeline = 'replaced'"
                + " ORDER BY started_at")).containsExactly(
                List.of("published", "daily.csv", "1"), List.of("published", "daily.csv", "1"));
        Path done = inbox.resolve(".done").resolve(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(TestApp.filesUnder(inbox)).containsExactly(
                ".done/" + done.getFileName() + "/daily.2.csv", ".done/" + done.getFileName() + "/daily.csv");
        assertThat(Files.readString(done.resolve("daily.csv"), StandardCharsets.UTF_8)).contains("10,first");
        assertThat(Files.readString(done.resolve("daily.2.csv"), StandardCharsets.UTF_8)).contains("20,second");
    }
}
