package io.onceload.ledger;

import java.util.Locale;

/** What started a run. */
public enum Trigger {
    INBOX, CLI, SCHEDULE, JMX, HTTP;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
