package io.onceload.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/** Every response of the web view: only the headers set here (no request header echoed back), and a strict CSP. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    /** No inline script or style anywhere: a value that slipped into the page as markup could not run. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private Http() {
    }

    static void respond(Exchange exchange, int status, String contentType, String body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader("Content-Security-Policy", CSP);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Referrer-Policy", "no-referrer");
        if (exchange.getIn() instanceof HttpMessage http) {
            // Camel's HTTP header filter drops Cache-Control from message headers: set it on the response itself,
            // so no browser or proxy keeps a page of runs or a 401 answer
            http.getResponse().putHeader("Cache-Control", "no-store");
        }
        message.setBody(body);
    }

    static void json(Exchange exchange, int status, Object body) {
        try {
            respond(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static void error(Exchange exchange, int status, String message) {
        json(exchange, status, Map.of("error", message));
    }

    /** A request the handler refuses: status and message for the client. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
