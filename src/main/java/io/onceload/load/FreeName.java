package io.onceload.load;

import java.nio.file.Files;
import java.nio.file.Path;

/** Picks a file name in a folder that nothing uses yet, so archived files and reports are never overwritten. */
public final class FreeName {

    private FreeName() {
    }

    /** {@code name}, or {@code stem.2.ext}, {@code stem.3.ext}, ... when that name is taken. */
    public static String in(Path folder, String name, String extension) {
        if (!Files.exists(folder.resolve(name + extension))) {
            return name + extension;
        }
        for (int i = 2; ; i++) {
            String candidate = name + "." + i + extension;
            if (!Files.exists(folder.resolve(candidate))) {
                return candidate;
            }
        }
    }

    /** Like {@link #in(Path, String, String)}, keeping the name's own extension last. */
    public static String in(Path folder, String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? in(folder, fileName.substring(0, dot), fileName.substring(dot)) : in(folder, fileName, "");
    }
}
