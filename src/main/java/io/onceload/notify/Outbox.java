package io.onceload.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onceload.config.NotifySettings;
import io.onceload.config.NotifyTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code onceload.outbox}: notifications enqueued with their outcome, then claimed, sent and marked. */
public final class Outbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A claimed row, locked by the claiming transaction until it is marked. */
    record Row(long id, String dedupKey, String pipeline, String target, String event, String payload, int attempts) {
    }

    /** One row as {@code notifications} shows it. */
    public record Entry(String pipeline, String event, String dedupKey, String target, String status, int attempts,
                        String lastError, Instant createdAt, Instant sentAt) {
    }

    private Outbox() {
    }

    /** In the caller's transaction: one row per target, once per dedup key and target whatever repeats. */
    static void enqueue(Connection connection, NotifySettings settings, Notification notification)
            throws SQLException {
        if (!settings.wants(notification.event())) {
            return;
        }
        String payload;
        try {
            payload = JSON.writeValueAsString(notification.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO onceload.outbox (dedup_key, pipeline,"
                + " target, event, logical_date, run_id, task, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?::json)"
                + " ON CONFLICT (dedup_key, target) DO NOTHING")) {
            for (NotifyTarget target : settings.targets()) {
                ps.setString(1, notification.dedupKey());
                ps.setString(2, notification.pipeline());
                ps.setString(3, target.shown());
                ps.setString(4, notification.event().key());
                ps.setObject(5, notification.logicalDate());
                ps.setObject(6, notification.runId());
                ps.setString(7, notification.task());
                ps.setString(8, payload);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The oldest due row no other transaction holds, locked until this transaction ends. */
    static Optional<Row> claim(Connection connection, List<String> pipelines) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, dedup_key, pipeline, target, event,"
                + " payload::text, attempts FROM onceload.outbox WHERE status = 'pending' AND next_attempt_at <= now()"
                // a service sends only for pipelines it declares: another's rows are that service's to send
                + " AND pipeline = ANY(?) ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")) {
            ps.setArray(1, connection.createArrayOf("text", pipelines.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7))) : Optional.empty();
            }
        }
    }

    static void sent(Connection connection, Row row) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE onceload.outbox SET status = 'sent',"
                + " attempts = attempts + 1, sent_at = clock_timestamp(), last_error = NULL WHERE id = ?")) {
            ps.setLong(1, row.id());
            ps.executeUpdate();
        }
    }

    /** A failed send: tried again after {@code delayMs}, or given up ({@code dead}) after the last attempt. */
    static void failed(Connection connection, Row row, String error, boolean dead, long delayMs) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE onceload.outbox SET status = ?,"
                + " attempts = attempts + 1, last_error = ?,"
                // from the end of this attempt, which may have waited long for a timeout: not from its start
                + " next_attempt_at = clock_timestamp() + ? * interval '1 millisecond'"
                + " WHERE id = ?")) {
            ps.setString(1, dead ? "dead" : "pending");
            ps.setString(2, error);
            ps.setLong(3, delayMs);
            ps.setLong(4, row.id());
            ps.executeUpdate();
        }
    }

    /** Newest first; every pipeline when {@code pipeline} is null. */
    public static List<Entry> list(Connection connection, String pipeline, int limit) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT pipeline, event, dedup_key, target, status,"
                + " attempts, last_error, created_at, sent_at FROM onceload.outbox WHERE ? IS NULL OR pipeline = ?"
                + " ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, pipeline);
            ps.setString(2, pipeline);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                            rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()));
                }
            }
        }
        return entries;
    }
}
