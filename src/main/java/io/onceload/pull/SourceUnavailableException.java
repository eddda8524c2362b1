package io.onceload.pull;

import io.onceload.load.TransientLoadException;

/** The source database could not be reached: retried like an outage of onceload's own database. */
public final class SourceUnavailableException extends TransientLoadException {

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
