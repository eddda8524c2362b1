package io.onceload.ledger;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Which service instance this process is, as run records and the instance list name it: {@code host:pid}. */
public final class Instance {

    /** Overrides the name, e.g. a container's stable name instead of its random host name. */
    public static final String PROPERTY = "onceload.instance";
    private static final String NAME = resolve();

    private Instance() {
    }

    public static String name() {
        return NAME;
    }

    private static String resolve() {
        String configured = System.getProperty(PROPERTY, System.getenv("ONCELOAD_INSTANCE"));
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
