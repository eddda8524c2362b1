package io.onceload.table;

/** A field that cannot become a value of its column; the message is the reason written to the rejects file. */
public class BadValueException extends Exception {
    public BadValueException(String reason) {
        // rejects are routine on dirty files: a stack trace per bad field would only cost time
        super(reason, null, false, false);
    }
}
