package io.onceload.load;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only crash switch: with {@code -Donceload.failpoint=<name>} the JVM halts, like {@code kill -9}, when the
 * load reaches that point. Unset in production, where every check is one property read.
 */
public final class Failpoint {

    public static final String PROPERTY = "onceload.failpoint";
    /** A file path: only the first of several processes to create it halts, so another can finish the work. */
    public static final String ONCE = "onceload.failpoint.once";
    /** Exit status of a halted JVM, so a test can tell the failpoint fired. */
    public static final int EXIT_STATUS = 86;

    private static final Logger LOG = LoggerFactory.getLogger(Failpoint.class);

    private Failpoint() {
    }

    /** Points: after-checksum, mid-staging, after-staging, before-commit, after-commit (before the move), after-move. */
    public static void hit(String name) {
        if (name.equals(System.getProperty(PROPERTY)) && first()) {
            LOG.error("failpoint {} reached: halting the JVM", name);
            System.out.flush();
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }

    private static boolean first() {
        String marker = System.getProperty(ONCE);
        if (marker == null) {
            return true;
        }
        try {
            java.nio.file.Files.createFile(java.nio.file.Path.of(marker));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
