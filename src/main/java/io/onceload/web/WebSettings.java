package io.onceload.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;

/**
 * Where the service's web view, JSON API and metrics listen: loopback by default; another address only when asked.
 *
 * @param host the address to bind; {@code 127.0.0.1} unless {@code --http-host} says otherwise
 * @param port the port; never 0 here (a free one is picked before the server starts)
 */
public record WebSettings(String host, int port) {

    public static final String LOOPBACK = "127.0.0.1";

    public WebSettings {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--http-port must be 0 (a free port) to 65535, not " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--http-host must be an address, e.g. 127.0.0.1");
        }
    }

    /** @param port 0 for a free one */
    public static WebSettings of(String host, int port) throws IOException {
        if (port == 0) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
        }
        return new WebSettings(host, port);
    }

    public boolean loopback() {
        return host.equals(LOOPBACK);
    }

    public String url() {
        return "http://" + (host.equals("0.0.0.0") ? LOOPBACK : host) + ":" + port + "/";
    }

    /**
     * The {@code Host} headers a request may carry: this address and port, and {@code localhost} on loopback. Any
     * other is refused, so a page of another site that a DNS name points here (DNS rebinding) reads nothing. Bound
     * to every address (0.0.0.0), no name can be known in advance: empty, and every Host is accepted.
     */
    Set<String> allowedHosts() {
        if (host.equals("0.0.0.0")) {
            return Set.of();
        }
        return loopback() ? Set.of(LOOPBACK + ":" + port, "localhost:" + port) : Set.of(host + ":" + port);
    }
}
