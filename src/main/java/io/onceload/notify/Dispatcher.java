package io.onceload.notify;

import io.onceload.config.NotifySettings;
import io.onceload.config.NotifyTarget;
import io.onceload.config.PipelineRegistry;
import io.onceload.config.PipelineSettings;
import io.onceload.load.Failpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due outbox rows, one claimed row per transaction: the row stays locked ({@code FOR UPDATE SKIP LOCKED}) while
 * it is sent, so two services never send the same row, and it is marked in the same transaction. A crash between
 * the send and the mark resends it once, with the same {@code Idempotency-Key}.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long MAX_DELAY_MS = 60_000;

    private final DataSource dataSource;
    private final PipelineRegistry pipelines;
    private final ProducerTemplate producer;

    Dispatcher(DataSource dataSource, PipelineRegistry pipelines, ProducerTemplate producer) {
        this.dataSource = dataSource;
        this.pipelines = pipelines;
        this.producer = producer;
    }

    /** Sends every due row, oldest first; a database outage ends the round (the next one tries again). */
    void dispatchDue() throws SQLException {
        while (true) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                Optional<Outbox.Row> claimed = Outbox.claim(connection, pipelines.names());
                if (claimed.isEmpty()) {
                    connection.commit();
                    return;
                }
                Outbox.Row row = claimed.get();
                Optional<NotifySettings> settings = pipelines.find(row.pipeline()).map(PipelineSettings::notifications);
                Optional<NotifyTarget> target = settings.flatMap(s -> s.target(row.target()));
                String error = target.isEmpty() ? "the target is no longer configured for pipeline '"
                        + row.pipeline() + "'" : sendSafely(target.get(), row);
                if (error == null) {
                    Failpoint.hit("after-send");
                    Outbox.sent(connection, row);
                } else {
                    int attempts = settings.map(NotifySettings::attempts).orElse(1);
                    long first = settings.map(NotifySettings::backoffMs).orElse(1000L);
                    boolean dead = row.attempts() + 1 >= attempts;
                    long delay = Math.min(MAX_DELAY_MS, first << Math.min(20, row.attempts()));
                    Outbox.failed(connection, row, error, dead, delay);
                    LOG.warn("{}: notification {} to {} failed (attempt {}{}): {}", row.pipeline(), row.dedupKey(),
                            row.target(), row.attempts() + 1, dead ? ", given up" : "", error);
                }
                connection.commit();
            }
        }
    }

    /** Whatever breaks while sending is one failed attempt: a row that throws must not block the rows behind it. */
    private String sendSafely(NotifyTarget target, Outbox.Row row) {
        try {
            return send(target, row);
        } catch (RuntimeException e) {
            // the exception's message may quote an endpoint URI: only its type is kept
            return e.getClass().getSimpleName() + " sending to " + target.shown();
        }
    }

    /** @return null when sent, else the reason, without anything secret from the target */
    private String send(NotifyTarget target, Outbox.Row row) {
        if (target.isLog()) {
            LOG.info("{}: notification {}: {}", row.pipeline(), row.dedupKey(), row.payload());
            return null;
        }
        if (target.isMail()) {
            return redact(target, MailSend.send(producer, target, settings(row), row));
        }
        String body = settings(row).format().body(row.payload());
        java.net.URI uri = target.uri();
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        // the HTTP client refuses user info in a URI: it becomes a Basic Authorization header instead
        String userInfo = uri.getRawUserInfo();
        String plain = userInfo == null ? uri.toString() : uri.toString().replaceFirst(
                java.util.regex.Pattern.quote(userInfo + "@"), "");
        Exchange sent = producer.request(scheme + "://onceload-webhook?httpMethod=POST", exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_URI, plain);
            if (userInfo != null) {
                exchange.getMessage().setHeader("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(java.net.URLDecoder.decode(userInfo.replace("+", "%2B"),
                                java.nio.charset.StandardCharsets.UTF_8).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setHeader("Idempotency-Key", row.dedupKey());
            exchange.getMessage().setBody(body);
        });
        Exception failure = sent.getException();
        if (failure == null) {
            return null;
        }
        if (failure instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode() + " from " + target.shown();
        }
        return redact(target, failure.getClass().getSimpleName() + " sending to " + target.shown() + ": "
                + failure.getMessage());
    }

    /** The client's message names host and port at most; the full URI and its user info are replaced anyway. */
    static String redact(NotifyTarget target, String message) {
        if (message == null) {
            return null;
        }
        String redacted = message.replace(target.uri().toString(), target.shown());
        String userInfo = target.uri().getRawUserInfo();
        if (userInfo != null) {
            redacted = redacted.replace(userInfo, "…");
            int colon = userInfo.indexOf(':');
            if (colon >= 0 && colon + 1 < userInfo.length()) {
                redacted = redacted.replace(userInfo.substring(colon + 1), "…");
            }
        }
        return redacted;
    }

    private NotifySettings settings(Outbox.Row row) {
        return pipelines.find(row.pipeline()).map(PipelineSettings::notifications).orElseThrow();
    }
}
