package io.onceload.config;

/** A pipeline declaration that cannot run; the message names pipeline, key, bound and value. */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
