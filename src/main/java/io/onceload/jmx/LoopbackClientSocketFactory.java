package io.onceload.jmx;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;

/**
 * Travels inside the connector's RMI stubs and makes clients connect to the loopback address, whatever host name
 * the stub carries.
 */
final class LoopbackClientSocketFactory implements RMIClientSocketFactory, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        // RMI writes the machine's host name or address into stubs (java.rmi.server.hostname, a JVM-wide
        // setting we leave alone); the server listens on loopback only, so that name would not answer
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    // RMI reuses cached connections only between equal factories
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
