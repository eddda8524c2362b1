package io.onceload.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the benchmark reads around each measured step: database counters and a child process's time and memory. */
final class Probe {

    private final io.onceload.database.DatabaseSettings db;

    Probe(io.onceload.database.DatabaseSettings db) {
        this.db = db;
    }

    /** Counters of one table plus the WAL position. */
    record Snapshot(long inserted, long updated, long deleted, long walLsn, long tableBytes) {
    }

    /** A finished child process: wall seconds, peak RSS in MB, its standard output. */
    record Run(double seconds, long peakRssMb, String stdout, int exitCode) {
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String statement : sql) {
                st.execute(statement);
            }
        }
    }

    String scalar(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Waits until the loader's sessions are gone, so their counters are flushed, then reads them. */
    Snapshot snapshot(String table) throws SQLException, InterruptedException {
        for (int i = 0; i < 200 && Long.parseLong(scalar("SELECT count(*) FROM pg_stat_activity"
                + " WHERE application_name = 'onceload'")) > 0; i++) {
            Thread.sleep(50);
        }
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT n_tup_ins, n_tup_upd, n_tup_del, pg_current_wal_lsn() - '0/0'::pg_lsn,"
                        + " pg_total_relation_size(relid) FROM pg_stat_user_tables WHERE relid = '" + table
                        + "'::regclass")) {
            rs.next();
            return new Snapshot(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        }
    }

    /** Runs a command to completion, sampling its peak resident memory (VmHWM) from /proc while it runs. */
    static Run run(List<String> command, Path log) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        long peakKb = 0;
        List<byte[]> chunks = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                chunks.add(process.getInputStream().readAllBytes());
            } catch (IOException e) {
                chunks.add(new byte[0]);
            }
        });
        reader.start();
        while (process.isAlive()) {
            peakKb = Math.max(peakKb, hwmKb(status));
            Thread.sleep(20);
        }
        reader.join();
        byte[] out = chunks.isEmpty() ? new byte[0] : chunks.get(0);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(seconds, peakKb / 1024, new String(out, StandardCharsets.UTF_8), process.exitValue());
    }

    private static long hwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has just exited: keep the last sample
        }
        return 0;
    }
}
