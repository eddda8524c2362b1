package io.onceload.ledger;

import java.util.Locale;

/** How a run ended: its rows are visible, its content was already loaded, or nothing was published. */
public enum RunStatus {
    PUBLISHED, SKIPPED, FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
