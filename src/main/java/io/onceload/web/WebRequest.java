package io.onceload.web;

import io.vertx.core.http.HttpServerRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * One request, read from the HTTP request itself rather than from Camel headers, where a query parameter could
 * pose as a header (a {@code ?Host=} must not pass the Host check).
 */
final class WebRequest {

    private final HttpServerRequest request;
    private final String body;

    WebRequest(Exchange exchange) {
        this.request = exchange.getIn(HttpMessage.class).getRequest();
        this.body = exchange.getIn().getBody(String.class);
    }

    /**
     * The Host the client asked for, {@code host:port}: the Host header in HTTP/1.1, {@code :authority} in HTTP/2
     * (which an h2c upgrade switches to); empty string when there is none.
     */
    String host() {
        io.vertx.core.net.HostAndPort authority = request.authority();
        if (authority == null) {
            return "";
        }
        return authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
    }

    String path() {
        return request.path();
    }

    /** The path after {@code prefix} up to the next slash, URL-decoded. */
    String segmentAfter(String prefix) {
        String rest = path().substring(prefix.length());
        int slash = rest.indexOf('/');
        return java.net.URLDecoder.decode(slash < 0 ? rest : rest.substring(0, slash),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(request.getParam(name)).filter(v -> !v.isBlank());
    }

    Optional<LocalDate> date(String name) {
        Optional<String> text = param(name);
        try {
            return text.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new Http.Refused(400, name + " must be a date yyyy-MM-dd, was '" + text.get() + "'");
        }
    }

    int number(String name, int fallback, int min, int max) {
        Optional<String> text = param(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw new Http.Refused(400, name + " must be a whole number from " + min + " to " + max + ", was '"
                + text.get() + "'");
    }

    String header(String name) {
        return request.getHeader(name);
    }

    String body() {
        return body == null ? "" : body;
    }

    /** The user and password of an {@code Authorization: Basic} header, if well formed. */
    Optional<String[]> basicCredentials() {
        String value = request.getHeader("Authorization");
        if (value == null || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String pair = new String(Base64.getDecoder().decode(value.substring(6).strip()),
                    java.nio.charset.StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {pair.substring(0, colon), pair.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
