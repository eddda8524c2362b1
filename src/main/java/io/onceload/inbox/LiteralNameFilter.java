package io.onceload.inbox;

import java.io.File;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Keeps the inbox consumer to files whose name Camel reads literally: Camel takes a backslash in a name for a
 * path separator, so {@code a\b.csv} would be read as {@code a/b.csv}, a file in a sub-folder that is never
 * meant to be scanned. Such a file is handed over to be refused instead.
 */
public final class LiteralNameFilter implements GenericFileFilter<File> {

    public static final String BEAN = "onceloadLiteralNames";

    private final BiConsumer<Path, String> refuse;

    /** @param refuse moves a file (by its real path) out of the inbox with the reason */
    public LiteralNameFilter(BiConsumer<Path, String> refuse) {
        this.refuse = refuse;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        if (file.isDirectory()) {
            return true;
        }
        File real = file.getFile();
        if (real.getName().indexOf('\\') < 0) {
            return true;
        }
        refuse.accept(real.toPath().toAbsolutePath(), "refused unread: the file name contains '\\', which is not"
                + " read literally; rename the file");
        return false;
    }
}
