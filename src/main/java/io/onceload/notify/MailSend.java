package io.onceload.notify;

import io.onceload.config.NotifySettings;
import io.onceload.config.NotifyTarget;
import io.onceload.ledger.Sha256;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mail.MailEndpoint;

/** One notification as a mail through camel-mail, its dedup key in the Message-ID. */
final class MailSend {

    private MailSend() {
    }

    /** @return null when sent, else the reason */
    static String send(ProducerTemplate producer, NotifyTarget target, NotifySettings settings, Outbox.Row row) {
        String scheme = target.uri().getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = target.uri().getPort() >= 0 ? target.uri().getPort() : scheme.equals("smtps") ? 465 : 25;
        StringBuilder uri = new StringBuilder(scheme).append("://").append(target.uri().getHost()).append(':')
                .append(port).append("?connectionTimeout=10000&to=RAW(").append(settings.mailTo())
                .append(")&from=RAW(").append(settings.mailFrom()).append(')');
        String userInfo = target.uri().getRawUserInfo();
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            uri.append("&username=RAW(").append(decode(colon < 0 ? userInfo : userInfo.substring(0, colon))).append(')');
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        // the password goes to the endpoint object, never into a URI that Camel could log or quote in an error
        MailEndpoint endpoint = producer.getCamelContext().getEndpoint(uri.toString(), MailEndpoint.class);
        endpoint.getConfiguration().setPassword(password);
        Exchange sent = producer.request(endpoint, exchange -> {
            exchange.getMessage().setHeader("Subject", "onceload " + row.pipeline() + ": " + row.event());
            // a receiver drops the one resend a crash can cause by this id; the key itself is not a valid id-left
            exchange.getMessage().setHeader("Message-ID", "<" + messageId(row.dedupKey()) + "@onceload>");
            exchange.getMessage().setHeader("X-Onceload-Dedup-Key", row.dedupKey());
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
            exchange.getMessage().setBody(row.payload());
        });
        return sent.getException() == null ? null : sent.getException().getClass().getSimpleName() + " sending to "
                + target.shown() + ": " + sent.getException().getMessage();
    }

    private static String messageId(String dedupKey) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(dedupKey.getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(digest).substring(0, 40);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8); // a + in a password is a +
    }
}
