package io.onceload.load;

import io.onceload.csv.BadFileException;
import java.nio.file.Path;

/** A check that runs inside the load's transaction found violating rows: the file fails, as a failed check. */
public final class CheckViolation extends BadFileException {

    public CheckViolation(Path file, String message) {
        super(file, message);
    }
}
