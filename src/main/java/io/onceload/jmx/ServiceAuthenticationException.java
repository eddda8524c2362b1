package io.onceload.jmx;

/** The running service refused the user and password of its credentials file; the message says what to do. */
public class ServiceAuthenticationException extends Exception {

    private static final long serialVersionUID = 1L;

    public ServiceAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
