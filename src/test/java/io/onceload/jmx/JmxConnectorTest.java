package io.onceload.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerFactory;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JMX connector is loopback-only and password-protected, and the CLI's client says clearly when it is absent. */
class JmxConnectorTest {

    @TempDir
    Path data;

    private final MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private JmxConnector start() throws IOException {
        JmxConnector connector = JmxConnector.start(data, 0, mbeans);
        opened.add(connector);
        return connector;
    }

    private Properties file() throws IOException {
        return CredentialsFile.read(data.resolve("jmx.properties"));
    }

    private JMXConnector connect(JmxConnector connector, Object credentials) throws IOException {
        Map<String, Object> env = credentials == null ? Map.of() : Map.of(JMXConnector.CREDENTIALS, credentials);
        JMXConnector client = JMXConnectorFactory.connect(connector.address(), env);
        opened.add(0, client);
        return client;
    }

    @Test
    void credentialsFileIsOwnerOnlyAndKeepsItsPasswordAcrossRestarts() throws Exception {
        assumeThat(data.getFileSystem().supportedFileAttributeViews()).contains("posix");
        JmxConnector first = start();
        Path path = data.resolve("jmx.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        Properties written = file();
        assertThat(written.getProperty("user")).isEqualTo("onceload");
        assertThat(written.getProperty("password")).hasSizeGreaterThanOrEqualTo(22).matches("[A-Za-z0-9_-]+");
        assertThat(written.getProperty("url")).isEqualTo(first.address().toString()).contains("/stub/");
        assertThat(written.getProperty("port")).isEqualTo(Integer.toString(first.port()));
        assertThat(written.getProperty("pid")).isEqualTo(Long.toString(ProcessHandle.current().pid()));

        first.close();
        assertThat(file().getProperty("url")).as("a stopped service withdraws its address").isNull();
        assertThat(file().getProperty("password")).isEqualTo(written.getProperty("password"));

        JmxConnector second = start();
        assertThat(file().getProperty("password")).isEqualTo(written.getProperty("password"));
        assertThat(file().getProperty("url")).isEqualTo(second.address().toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files).as("no temp file left behind").containsExactly(path);
        }
    }

    @Test
    void aFileOthersCouldReadIsTightenedAndGetsANewPassword() throws Exception {
        assumeThat(data.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path path = data.resolve("jmx.properties");
        Files.writeString(path, "user=onceload\npassword=0123456789abcdefghijklmnopqrstuv\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        start();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        assertThat(file().getProperty("password")).isNotEqualTo("0123456789abcdefghijklmnopqrstuv");
    }

    @Test
    void refusesAConnectionWithoutCredentials() throws Exception {
        JmxConnector connector = start();
        assertThatThrownBy(() -> connect(connector, null)).isInstanceOf(SecurityException.class);
    }

    @Test
    void refusesWrongCredentialsAndAnythingButTwoStrings() throws Exception {
        JmxConnector connector = start();
        String password = file().getProperty("password");
        assertThatThrownBy(() -> connect(connector, new String[] {"onceload", password + "x"}))
                .isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> connect(connector, new String[] {"admin", password}))
                .isInstanceOf(SecurityException.class);
        // the deserialization filter stops these before the authenticator runs
        assertThatThrownBy(() -> connect(connector, new String[] {"onceload", password, "extra"}))
                .isInstanceOf(IOException.class).hasStackTraceContaining("REJECTED");
        assertThatThrownBy(() -> connect(connector, List.of("onceload", password)))
                .isInstanceOf(IOException.class).hasStackTraceContaining("REJECTED");
        PasswordAuthenticator authenticator = new PasswordAuthenticator(new JmxCredentials("onceload", password));
        assertThatThrownBy(() -> authenticator.authenticate(new String[] {"onceload"}))
                .isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> authenticator.authenticate(new String[] {"onceload", null}))
                .isInstanceOf(SecurityException.class);
        assertThat(authenticator.authenticate(new String[] {"onceload", password}).getPrincipals())
                .extracting(java.security.Principal::getName).containsExactly("onceload");
    }

    @Test
    void theClientConnectsWithTheFilesCredentials() throws Exception {
        start();
        try (ServiceClient client = ServiceClient.connect(data)) {
            assertThat(client.connection().getAttribute(MBeanServerDelegate.DELEGATE_NAME, "MBeanServerId"))
                    .isEqualTo(mbeans.getAttribute(MBeanServerDelegate.DELEGATE_NAME, "MBeanServerId"));
            assertThat(client.connection().getMBeanCount()).isEqualTo(mbeans.getMBeanCount());
        }
    }

    @Test
    void theClientSaysNoServiceIsRunningWhenThereIsNoFile() {
        assertThatThrownBy(() -> ServiceClient.connect(data)).isInstanceOf(ServiceNotRunningException.class)
                .hasMessage("no onceload service is running (" + data.resolve("jmx.properties")
                        + " not found; start one with ./onceload run)");
    }

    @Test
    void theClientSaysNoServiceIsRunningAfterACleanStopOrACrash() throws Exception {
        JmxConnector connector = start();
        Path path = data.resolve("jmx.properties");
        String leftByACrash = Files.readString(path);
        int port = connector.port();
        connector.close();
        assertThatThrownBy(() -> ServiceClient.connect(data)).isInstanceOf(ServiceNotRunningException.class)
                .hasMessageStartingWith("no onceload service is running (the last one stopped")
                .hasMessageEndingWith("start one with ./onceload run)");

        Files.writeString(path, leftByACrash);
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .as("the port is closed").isInstanceOf(java.net.ConnectException.class);
        assertThatThrownBy(() -> ServiceClient.connect(data)).isInstanceOf(ServiceNotRunningException.class)
                .hasMessage("no onceload service is running at 127.0.0.1:" + port
                        + " (connection refused); start one with ./onceload run");

        Files.writeString(path, leftByACrash.replaceAll("pid=\\d+", "pid=999999999"));
        assertThatThrownBy(() -> ServiceClient.connect(data)).isInstanceOf(ServiceNotRunningException.class)
                .hasMessage("no onceload service is running at 127.0.0.1:" + port
                        + " (its process 999999999 has exited); start one with ./onceload run");
    }

    @Test
    void theClientReportsRefusedCredentialsApartFromAnAbsentService() throws Exception {
        start();
        Path path = data.resolve("jmx.properties");
        Files.writeString(path, Files.readString(path).replaceAll("password=.*", "password=not-the-password"));
        assertThatThrownBy(() -> ServiceClient.connect(data)).isInstanceOf(ServiceAuthenticationException.class)
                .hasMessageContaining("refused the user and password in " + path);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        JmxConnector connector = start();
        new Socket(InetAddress.getLoopbackAddress(), connector.port()).close();
        List<InetAddress> others = NetworkInterface.networkInterfaces().filter(JmxConnectorTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
        assumeThat(others).as("a non-loopback IPv4 address on this machine").isNotEmpty();
        for (InetAddress address : others) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, connector.port()), 5_000);
                }
            }).as("connecting through %s", address).isInstanceOf(IOException.class);
        }
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp();
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    @Test
    void theStubPointsClientsAtLoopbackWhateverHostNameTheMachineHas() throws Exception {
        JMXServiceURL address = start().address();
        assertThat(address.getProtocol()).isEqualTo("rmi");
        try (Socket socket = new LoopbackClientSocketFactory().createSocket("no-such-host.invalid",
                Integer.parseInt(file().getProperty("port")))) {
            assertThat(socket.getInetAddress().isLoopbackAddress()).isTrue();
        }
    }
}
