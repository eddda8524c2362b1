package io.onceload.ledger;

import java.util.Locale;

/**
 * How a run ended: its rows are visible, its content was already loaded, nothing was published, the day's
 * source file was not there, or the inbox held nothing to load.
 */
public enum RunStatus {
    PUBLISHED, SKIPPED, FAILED, MISSING_INPUT, NO_INPUT;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A logical date with a run in one of these states needs no catch-up. */
    public boolean completesDate() {
        return this == PUBLISHED || this == SKIPPED || this == NO_INPUT;
    }

    public static RunStatus of(String dbValue) {
        return valueOf(dbValue.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
