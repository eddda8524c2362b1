package io.onceload.run;

import io.onceload.ledger.Trigger;
import io.onceload.load.LoadOutcome;
import java.time.LocalDate;

/** What one run of one logical date did with one input (or with its absence). */
public record RunResult(LocalDate logicalDate, Trigger trigger, LoadOutcome outcome) {

    /** One line for operators, e.g. {@code 2026-11-22 schedule orders_2026-11-22.csv: published — ...}. */
    public String line() {
        return logicalDate + " " + trigger.dbValue() + " " + outcome.summary();
    }
}
