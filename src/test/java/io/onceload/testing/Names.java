package io.onceload.testing;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Spelling arbitrary names safely in test DDL and CSV: a quoted identifier, a quoted literal, a quoted field. */
public final class Names {

    private Names() {
    }

    /** {@code "name"} with embedded quotes doubled: one identifier whatever the name holds. */
    public static String id(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    public static String id(String schema, String table) {
        return id(schema) + "." + id(table);
    }

    /** {@code 'text'} with embedded quotes doubled. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** One CSV line of fields, each in double quotes, ending in CRLF. */
    public static String csvLine(String... fields) {
        return Arrays.stream(fields).map(f -> '"' + f.replace("\"", "\"\"") + '"').collect(Collectors.joining(","))
                + "\r\n";
    }
}
