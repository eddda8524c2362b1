package io.onceload.pull;

import java.nio.file.Path;

/** A pulled result, spooled as CSV for the load, with its row count. */
public record Pulled(Path spool, long rows) {
}
