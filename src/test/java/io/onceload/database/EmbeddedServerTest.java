package io.onceload.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default database is durable, local-only, and shared by a second onceload process. */
class EmbeddedServerTest {

    @TempDir
    Path data;

    private static String show(EmbeddedServer server, String setting) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", null);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void startsDurableOnLoopbackAndASecondProcessJoinsIt() throws Exception {
        try (EmbeddedServer first = EmbeddedServer.startOrJoin(data)) {
            assertThat(show(first, "fsync")).isEqualTo("on");
            assertThat(show(first, "synchronous_commit")).isEqualTo("on");
            assertThat(show(first, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(first, "server_version_num")).startsWith("17");
            // the session a running service keeps open in its pool
            try (Connection service = DriverManager.getConnection(first.jdbcUrl(), "postgres", null)) {
                try (EmbeddedServer second = EmbeddedServer.startOrJoin(data)) {
                    assertThat(second.jdbcUrl()).isEqualTo(first.jdbcUrl());
                }
                assertThat(show(first, "fsync")).as("still running while a session uses it").isEqualTo("on");
                execute(first, "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('survives a restart')");
            }
        }
        assertThat(data.resolve("postgres/postmaster.pid")).as("stopped by its last user").doesNotExist();
        try (EmbeddedServer again = EmbeddedServer.startOrJoin(data);
             Connection c = DriverManager.getConnection(again.jdbcUrl(), "postgres", null);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("survives a restart");
        }
    }

    @Test
    void aServerLeftBehindIsStoppedByTheLastProcessThatJoinedIt() throws Exception {
        EmbeddedServer leftBehind = EmbeddedServer.startOrJoin(data);
        try {
            EmbeddedServer.startOrJoin(data).close();
            io.onceload.testing.TestApp.await("the joined server to stop", java.time.Duration.ofSeconds(30),
                    () -> !java.nio.file.Files.exists(data.resolve("postgres/postmaster.pid")));
        } finally {
            leftBehind.close();
        }
    }

    @Test
    void aStalePidFileNamingAnotherServerIsNeitherJoinedNorStopped(@TempDir Path other) throws Exception {
        EmbeddedServer.startOrJoin(data).close();
        try (EmbeddedServer stranger = EmbeddedServer.startOrJoin(other)) {
            // a data folder restored with the pid file of another server that runs on this machine
            java.nio.file.Files.copy(other.resolve("postgres/postmaster.pid"), data.resolve("postgres/postmaster.pid"));
            try (EmbeddedServer ours = EmbeddedServer.startOrJoin(data)) {
                assertThat(ours.jdbcUrl()).isNotEqualTo(stranger.jdbcUrl());
                assertThat(java.nio.file.Path.of(show(ours, "data_directory")))
                        .isEqualTo(data.resolve("postgres").toRealPath());
            }
            assertThat(show(stranger, "data_directory")).as("the other server still runs")
                    .isEqualTo(other.resolve("postgres").toRealPath().toString());
            // a pid file left by a killed server, whose pid now belongs to the other one: closing must not stop it
            java.nio.file.Files.copy(other.resolve("postgres/postmaster.pid"), data.resolve("postgres/postmaster.pid"));
            EmbeddedServer.startOrJoin(data).close();
            assertThat(show(stranger, "data_directory")).isEqualTo(other.resolve("postgres").toRealPath().toString());
        }
    }

    private static void execute(EmbeddedServer server, String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", null);
             Statement st = c.createStatement()) {
            for (String statement : sql) {
                st.execute(statement);
            }
        }
    }
}
