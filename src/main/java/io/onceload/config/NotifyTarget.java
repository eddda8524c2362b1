package io.onceload.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a notification goes: a webhook ({@code http(s)://…}, a JSON POST), a mail server ({@code smtp(s)://[user:
 * password@]host:port}, a mail to the pipeline's {@code notify-mail-to}) or {@code log} (a log line).
 *
 * @param uri the webhook, secrets included; never logged, printed or stored
 * @param shown the target as it may be shown and stored: user info and query string removed
 */
public record NotifyTarget(URI uri, String shown) {

    public static final String LOG = "log";

    public boolean isLog() {
        return uri == null;
    }

    public boolean isMail() {
        return uri != null && uri.getScheme().toLowerCase(Locale.ROOT).startsWith("smtp");
    }

    /** @throws IllegalArgumentException naming the target only as {@link #redact} shows it */
    static NotifyTarget parse(String text) {
        if (text.equals(LOG)) {
            return new NotifyTarget(null, LOG);
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean known = scheme.equals("http") || scheme.equals("https") || scheme.equals("smtp")
                    || scheme.equals("smtps");
            if (known && uri.getHost() != null) {
                return new NotifyTarget(uri, redact(uri));
            }
        } catch (URISyntaxException e) {
            // answered below, without the text: it may hold a token
        }
        throw new IllegalArgumentException("must be http(s)://host/path, smtp(s)://host:port or log, was '"
                + redactText(text) + "'");
    }

    /**
     * {@code scheme://host[:port]/…#<8 hex>}: the path is left out with the user info and query, since chat webhooks
     * carry their secret in it; the fingerprint of the whole URI tells two targets on one host apart.
     */
    static String redact(URI uri) {
        java.security.MessageDigest digest = io.onceload.ledger.Sha256.newDigest();
        digest.update(uri.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        boolean more = uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null;
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + (more ? "/…" : "") + "#"
                + io.onceload.ledger.Sha256.hex(digest).substring(0, 8);
    }

    private static String redactText(String text) {
        int cut = text.indexOf("://");
        return cut < 0 ? (text.length() > 8 ? text.substring(0, 8) + "…" : text) : text.substring(0, cut + 3) + "…";
    }
}
