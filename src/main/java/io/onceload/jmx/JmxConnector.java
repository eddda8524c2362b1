package io.onceload.jmx;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service's JMX connector: loopback only, password required, reachable through {@code <data>/jmx.properties}. */
public final class JmxConnector implements AutoCloseable {

    /** The {@link RMIConnectorServer#CREDENTIALS_FILTER_PATTERN}: a String array of at most 2, nothing else. */
    static final String CREDENTIALS_FILTER = "maxarray=2;java.lang.String;!*";

    private static final Logger LOG = LoggerFactory.getLogger(JmxConnector.class);

    private final JMXConnectorServer server;
    private final CredentialsFile file;
    private final JmxCredentials credentials;
    private final JMXServiceURL address;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JmxConnector(JMXConnectorServer server, CredentialsFile file, JmxCredentials credentials,
                         JMXServiceURL address, int port) {
        this.server = server;
        this.file = file;
        this.credentials = credentials;
        this.address = address;
        this.port = port;
    }

    /**
     * Starts the connector and publishes its address and credentials in {@code <dataDir>/jmx.properties}. The
     * user and password of an existing file are kept; the file is created or rewritten readable by its owner only.
     *
     * @param dataDir the service's data folder; created if missing
     * @param port the loopback port to listen on, 0 for any free one
     * @param mbeans the MBean server to expose, usually {@code ManagementFactory.getPlatformMBeanServer()}
     * @return the running connector; until it is {@link #close() closed}, RMI keeps the JVM from exiting
     * @throws IOException when the port cannot be bound or the credentials file cannot be written
     */
    public static JmxConnector start(Path dataDir, int port, MBeanServer mbeans) throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("JMX port must be 0 (any free port) to 65535, not " + port);
        }
        CredentialsFile file = new CredentialsFile(dataDir);
        JmxCredentials credentials = file.credentials();
        LoopbackServerSocketFactory sockets = LoopbackServerSocketFactory.bind(port);
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnectorServer.AUTHENTICATOR, new PasswordAuthenticator(credentials));
        // applied while the credentials are deserialized, i.e. before any code of ours sees them
        env.put(RMIConnectorServer.CREDENTIALS_FILTER_PATTERN, CREDENTIALS_FILTER);
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        env.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, new LoopbackClientSocketFactory());
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        // Deliberately no RMI registry: the JDK's lets any local process rebind its names, so another user on the
        // machine could slip in a stub of their own and collect the password from the next client. Without a JNDI
        // path the address is a service:jmx:rmi://.../stub/ URL holding the serialized stub, which only the
        // owner-only credentials file carries.
        JMXConnectorServer server;
        try {
            server = new RMIConnectorServer(new JMXServiceURL("rmi", host, sockets.port()), env, mbeans);
            server.start();
        } catch (IOException | RuntimeException e) {
            sockets.releaseUnused();
            throw e;
        }
        try {
            JMXServiceURL address = server.getAddress();
            int bound = sockets.port();
            file.publish(credentials, address.toString(), bound);
            LOG.info("JMX connector on {}:{}, password required (user, password and address in {})", host, bound,
                    file.path());
            return new JmxConnector(server, file, credentials, address, bound);
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    /** Whether these are the service's credentials (those of {@code jmx.properties}), compared in constant time. */
    public boolean accepts(String user, String password) {
        return user != null && password != null && PasswordAuthenticator.matches(credentials, user, password);
    }

    /** The loopback port the connector listens on. */
    public int port() {
        return port;
    }

    /** The {@code service:jmx:rmi://127.0.0.1:<port>/stub/...} address, also written to the credentials file. */
    public JMXServiceURL address() {
        return address;
    }

    /** {@code <dataDir>/jmx.properties}. */
    public Path credentialsFile() {
        return file.path();
    }

    /**
     * Stops listening, closes client connections, and removes the address from the credentials file (user and
     * password stay for the next start). Calling it again does nothing.
     */
    @Override
    public void close() throws IOException {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            server.stop();
        } finally {
            file.withdraw(credentials, address.toString());
        }
        LOG.info("JMX connector on port {} stopped", port);
    }
}
