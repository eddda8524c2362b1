package io.onceload.config;

import java.util.Optional;

/** The outcomes a pipeline can notify about; each is sent once per outcome, whatever retries and restarts follow. */
public enum NotifyEvent implements Keyed {
    /** A load published a file (not a skip). */
    PUBLISHED,
    /** A load or a task failed: once per failed run or task attempt, not once per retry inside it. */
    FAILED,
    /** A check task found violating rows (a failed check is this event, not {@link #FAILED}). */
    CHECK_FAILED,
    /** A logical date became complete: its load published and every task it owes succeeded. */
    COMPLETE,
    /** A scheduled logical date was not complete by its {@code deadline}: once per date. */
    OVERDUE,
    /** The database was unreachable; sent after it is back, since the outbox lives in it: once per outage. */
    DATABASE_DOWN,
    /** The database is reachable again after an outage: once per outage. */
    DATABASE_UP;


    public static Optional<NotifyEvent> of(String key) {
        return Keyed.of(NotifyEvent.class, key);
    }

    public static String validKeys() {
        return Keyed.validKeys(NotifyEvent.class);
    }
}
