package io.onceload.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP front for the test database that is "down" (drops every connection at once) until {@link #comeBack()},
 * then forwards to the real server: a source database outage a test can end when it has seen the retries.
 */
public final class FlakySource implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final AtomicBoolean up = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();

    public FlakySource(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "flaky-source");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections dropped while down. */
    public int refused() {
        return refused.get();
    }

    public void comeBack() {
        up.set(true);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up.get()) {
                    refused.incrementAndGet();
                    client.close();
                    continue;
                }
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), target);
                pipe(client.getInputStream(), backend.getOutputStream(), backend);
                pipe(backend.getInputStream(), client.getOutputStream(), client);
            } catch (IOException e) {
                // closed, or one connection failed: the client sees its socket drop
            }
        }
    }

    private static void pipe(InputStream in, OutputStream out, Socket closeWhenDone) {
        Thread thread = new Thread(() -> {
            try (closeWhenDone) {
                in.transferTo(out);
            } catch (IOException e) {
                // either side hung up
            }
        }, "flaky-source-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
