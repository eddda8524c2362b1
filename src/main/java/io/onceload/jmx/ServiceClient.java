package io.onceload.jmx;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.rmi.ConnectIOException;
import java.rmi.NoSuchObjectException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** A CLI command's authenticated JMX connection to the service running on the same data folder. */
public final class ServiceClient implements AutoCloseable {

    private static final String START_ONE = "start one with ./onceload run";

    private final JMXConnector connector;
    private final MBeanServerConnection connection;

    private ServiceClient(JMXConnector connector, MBeanServerConnection connection) {
        this.connector = connector;
        this.connection = connection;
    }

    /**
     * Connects to the service that published {@code <dataDir>/jmx.properties}, with the user and password found
     * there.
     *
     * @param dataDir the data folder the service was started with (e.g. {@code data})
     * @return an open client; close it when done
     * @throws ServiceNotRunningException when the file is missing, names no address (the service stopped), names
     *         a process that has exited, or nothing answers at its port
     * @throws ServiceAuthenticationException when the service refuses the file's user and password
     * @throws IOException when the file cannot be read or is incomplete, or the connection fails otherwise
     */
    public static ServiceClient connect(Path dataDir)
            throws ServiceNotRunningException, ServiceAuthenticationException, IOException {
        Path file = dataDir.resolve(CredentialsFile.NAME);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ServiceNotRunningException(
                    "no onceload service is running (" + file + " not found; " + START_ONE + ")");
        }
        Properties properties = CredentialsFile.read(file);
        String url = properties.getProperty(CredentialsFile.URL);
        if (url == null) {
            throw new ServiceNotRunningException(
                    "no onceload service is running (the last one stopped, see " + file + "; " + START_ONE + ")");
        }
        String where = InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + properties.getProperty(CredentialsFile.PORT, "?");
        Optional<Long> pid = pid(properties);
        // a crashed service leaves its address behind: whatever listens there now must not receive the password
        if (pid.isPresent() && !ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new ServiceNotRunningException("no onceload service is running at " + where + " (its process "
                    + pid.get() + " has exited); " + START_ONE);
        }
        String user = properties.getProperty(CredentialsFile.USER);
        String password = properties.getProperty(CredentialsFile.PASSWORD);
        if (user == null || password == null) {
            throw new IOException(file + " has no user or password; restart the service to rewrite it");
        }
        Map<String, Object> env = Map.of(JMXConnector.CREDENTIALS, new String[] {user, password});
        JMXConnector connector;
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(url), env);
        } catch (SecurityException e) {
            throw new ServiceAuthenticationException("the onceload service at " + where + " refused the user and"
                    + " password in " + file + " (" + e.getMessage() + "); the file has changed since that service"
                    + " started: restart the service", e);
        } catch (IOException e) {
            Optional<String> absent = absence(e);
            if (absent.isPresent()) {
                throw new ServiceNotRunningException("no onceload service is running at " + where + " ("
                        + absent.get() + "); " + START_ONE, e);
            }
            throw e;
        }
        try {
            return new ServiceClient(connector, connector.getMBeanServerConnection());
        } catch (IOException | RuntimeException e) {
            connector.close();
            throw e;
        }
    }

    private static Optional<Long> pid(Properties properties) {
        try {
            return Optional.ofNullable(properties.getProperty(CredentialsFile.PID)).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Why no service answered, when that is what the failure means (anywhere in the cause chain). */
    private static Optional<String> absence(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.rmi.ConnectException || t instanceof java.net.ConnectException) {
                return Optional.of("connection refused");
            }
            if (t instanceof NoSuchObjectException) {
                return Optional.of("its connector has been closed");
            }
            if (t instanceof ConnectIOException) {
                return Optional.of("another program answers on that port");
            }
        }
        return Optional.empty();
    }

    /** The service's MBeans, as the authenticated onceload user. */
    public MBeanServerConnection connection() {
        return connection;
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
