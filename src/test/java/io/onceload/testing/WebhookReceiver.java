package io.onceload.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 that records every webhook it accepts at {@code /hook}. */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One accepted request: its Idempotency-Key header and JSON body. */
    public record Received(String key, JsonNode body) {

        public String event() {
            return body.get("event").asText();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            if (status == 200) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        JSON.readTree(new String(body, StandardCharsets.UTF_8))));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The webhook URL, with {@code query} appended when not empty. */
    public String url(String query) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook" + (query.isEmpty() ? "" : "?" + query);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The next {@code count} requests are answered 500 and not recorded. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    public List<Received> received() {
        return received;
    }

    public void awaitReceived(int count) throws InterruptedException {
        TestApp.await(count + " webhooks", Duration.ofSeconds(30), () -> received.size() >= count);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
