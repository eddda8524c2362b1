package io.onceload.jmx;

/** No onceload service answers for a data folder; the message says why and how to start one. */
public class ServiceNotRunningException extends Exception {

    private static final long serialVersionUID = 1L;

    public ServiceNotRunningException(String message) {
        super(message);
    }

    public ServiceNotRunningException(String message, Throwable cause) {
        super(message, cause);
    }
}
