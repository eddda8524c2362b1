package io.onceload.jmx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;

/**
 * Server sockets bound to the loopback address only; the first one is bound up front, so port 0 becomes a known
 * port before RMI exports anything.
 */
final class LoopbackServerSocketFactory implements RMIServerSocketFactory {

    private final int port;
    private ServerSocket reserved;

    private LoopbackServerSocketFactory(ServerSocket reserved) {
        this.reserved = reserved;
        this.port = reserved.getLocalPort();
    }

    /**
     * Binds the port now. RMI must then be given {@link #port()}, never 0: it closes the listening socket of an
     * anonymous port only when the JVM exits, so a stopped connector would still accept connections.
     */
    static LoopbackServerSocketFactory bind(int port) throws IOException {
        return new LoopbackServerSocketFactory(new ServerSocket(port, 0, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return port;
    }

    @Override
    public synchronized ServerSocket createServerSocket(int requested) throws IOException {
        if (reserved != null && requested == port) {
            ServerSocket socket = reserved;
            reserved = null;
            return socket;
        }
        return new ServerSocket(requested, 0, InetAddress.getLoopbackAddress());
    }

    /** Releases the port if RMI never took the socket (the connector failed to start). */
    synchronized void releaseUnused() throws IOException {
        if (reserved != null) {
            reserved.close();
            reserved = null;
        }
    }

    // identity equality (inherited) on purpose: RMI shares a listening socket between exports with equal
    // factories, and this connector's socket is to be shared with nothing else in the JVM
}
