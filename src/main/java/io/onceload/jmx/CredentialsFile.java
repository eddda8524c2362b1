package io.onceload.jmx;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code <data>/jmx.properties}: how to reach the running service and the password it wants, for its owner only. */
final class CredentialsFile {

    static final String NAME = "jmx.properties";
    static final String URL = "url";
    static final String PORT = "port";
    static final String PID = "pid";
    static final String USER = "user";
    static final String PASSWORD = "password";

    private static final Logger LOG = LoggerFactory.getLogger(CredentialsFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String HEADER = "# onceload JMX connector, rewritten at every start. Secret: readable by its"
            + " owner only; never share or copy it.\n";

    private final Path file;

    CredentialsFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /**
     * The credentials already in the file, or new ones when it is missing, unreadable, not ours, or was open to
     * other users (its password may have been read).
     */
    JmxCredentials credentials() throws IOException {
        if (Files.isSymbolicLink(file)) {
            LOG.warn("{} is a symbolic link; replacing it with a regular file and a new password", file);
            return JmxCredentials.generate();
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || exposed()) {
            return JmxCredentials.generate();
        }
        Properties existing;
        try {
            existing = read(file);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("{} cannot be read ({}); generating a new password", file, e.toString());
            return JmxCredentials.generate();
        }
        String user = existing.getProperty(USER);
        String password = existing.getProperty(PASSWORD);
        if (!JmxCredentials.wellFormed(user, password)) {
            LOG.warn("{} has no usable user and password; generating a new password", file);
            return JmxCredentials.generate();
        }
        return new JmxCredentials(user, password);
    }

    /** Tightens a file others could read or write; true when it was open, so its password must not be kept. */
    private boolean exposed() throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            // no POSIX modes to inspect; the rewrite at every start applies an owner-only ACL anyway
            return false;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (OWNER_ONLY.containsAll(permissions)) {
            return false;
        }
        view.setPermissions(OWNER_ONLY);
        LOG.warn("{} was accessible to other users ({}); restricted it to rw------- and generated a new password,"
                + " since the old one may have been read", file, PosixFilePermissions.toString(permissions));
        return true;
    }

    /** Writes where the service listens and its credentials: the file clients read. */
    void publish(JmxCredentials credentials, String url, int port) throws IOException {
        write(lines(credentials) + PID + "=" + ProcessHandle.current().pid() + "\n"
                + PORT + "=" + port + "\n" + URL + "=" + url + "\n");
    }

    /** Removes the address, so clients report "not running", unless another service has since published its own. */
    void withdraw(JmxCredentials credentials, String url) throws IOException {
        Properties current;
        try {
            current = read(file);
        } catch (IOException | IllegalArgumentException e) {
            return;
        }
        if (url.equals(current.getProperty(URL))) {
            write(lines(credentials));
        }
    }

    private static String lines(JmxCredentials credentials) {
        return USER + "=" + credentials.user() + "\n" + PASSWORD + "=" + credentials.password() + "\n";
    }

    static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** Temp file + atomic rename: readers never see half a file, and the file is never readable by others. */
    private void write(String body) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = createOwnerOnly(dir);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(HEADER + body);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path createOwnerOnly(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // created with these permissions, so there is no moment when another user could open it
            return Files.createTempFile(dir, ".jmx", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Path temp = Files.createTempFile(dir, ".jmx", ".tmp");
        // still empty here, so restricting it after creation exposes nothing
        AclFileAttributeView acl = Files.getFileAttributeView(temp, AclFileAttributeView.class);
        if (acl == null) {
            LOG.warn("{} supports neither POSIX permissions nor ACLs: the JMX password file is protected only by"
                    + " the permissions of its folder", dir);
            return temp;
        }
        acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(acl.getOwner())
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build()));
        return temp;
    }
}
