package io.onceload.pull;

/** The source refused the query or its result cannot be loaded: a failed run, with the source's own message. */
public final class SourceQueryException extends RuntimeException {

    public SourceQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
