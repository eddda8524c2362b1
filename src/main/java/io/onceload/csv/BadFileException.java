package io.onceload.csv;

import java.nio.file.Path;

/** The file as a whole cannot be loaded (header, encoding, CSV syntax, too many rejects); never retried. */
public class BadFileException extends RuntimeException {
    private final transient Path file;

    public BadFileException(Path file, String message) {
        super(file.getFileName() + ": " + message);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
