package io.onceload.jmx;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts exactly the user and password of the credentials file, as the {@code String[2]} JMX clients send. */
final class PasswordAuthenticator implements JMXAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordAuthenticator.class);

    private final JmxCredentials expected;

    PasswordAuthenticator(JmxCredentials expected) {
        this.expected = expected;
    }

    @Override
    public Subject authenticate(Object credentials) {
        if (!(credentials instanceof String[] pair) || pair.length != 2 || pair[0] == null || pair[1] == null) {
            LOG.warn("Refused a JMX connection without a user and password");
            throw new SecurityException("authentication failed: a user and password are required");
        }
        if (!matches(expected, pair[0], pair[1])) {
            LOG.warn("Refused a JMX connection: wrong user or password");
            throw new SecurityException("authentication failed: wrong user or password");
        }
        return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
    }

    /** Both compared, without short-circuit, so the time taken does not tell whether the user name was right. */
    static boolean matches(JmxCredentials expected, String user, String password) {
        boolean userMatches = sameDigest(user, expected.user());
        boolean passwordMatches = sameDigest(password, expected.password());
        return userMatches & passwordMatches;
    }

    /** Compares digests, not the strings: MessageDigest.isEqual is constant-time only for equal lengths. */
    private static boolean sameDigest(String given, String expected) {
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
