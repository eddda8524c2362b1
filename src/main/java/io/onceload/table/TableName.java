package io.onceload.table;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A target table as the user named it: optional schema plus table, case kept as written. */
public record TableName(String schema, String table) {

    /** PostgreSQL's NAMEDATALEN - 1: it silently cuts longer names, so they would address another table. */
    public static final int MAX_BYTES = 63;

    /**
     * Parses {@code orders}, {@code sales.orders}, or with SQL quoting, for a name that contains a dot or begins
     * with a quote, {@code "my.table"} or {@code sales."my.table"} ({@code ""} inside quotes is one quote). An
     * unquoted name is taken exactly as written, case and every other character kept; no schema means
     * {@code public}.
     *
     * @throws IllegalArgumentException saying what is wrong when the text is not one or two such names
     */
    public static TableName parse(String text) {
        List<String> parts = new ArrayList<>();
        String rest = text.trim();
        while (true) {
            int end;
            String part;
            if (rest.startsWith("\"")) {
                StringBuilder name = new StringBuilder();
                end = 1;
                while (end < rest.length() && (rest.charAt(end) != '"' || rest.startsWith("\"\"", end))) {
                    name.append(rest.charAt(end));
                    end += rest.charAt(end) == '"' ? 2 : 1;
                }
                if (end >= rest.length()) {
                    throw new IllegalArgumentException("a quote is not closed");
                }
                end++;
                if (end < rest.length() && rest.charAt(end) != '.') {
                    throw new IllegalArgumentException("text follows a closing quote");
                }
                part = name.toString();
            } else {
                end = rest.indexOf('.') < 0 ? rest.length() : rest.indexOf('.');
                part = rest.substring(0, end);
            }
            if (part.isEmpty()) {
                throw new IllegalArgumentException("a name is empty");
            }
            if (part.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                throw new IllegalArgumentException("'" + part + "' is longer than " + MAX_BYTES
                        + " bytes, PostgreSQL's limit for a name");
            }
            parts.add(part);
            if (end == rest.length()) {
                break;
            }
            rest = rest.substring(end + 1);
        }
        if (parts.size() > 2) {
            throw new IllegalArgumentException("more than one '.' outside quotes");
        }
        return parts.size() == 1 ? new TableName("public", parts.get(0)) : new TableName(parts.get(0), parts.get(1));
    }

    /** {@code schema.table}, each part in double quotes only where {@link #parse} needs them to read it back. */
    @Override
    public String toString() {
        return shown(schema) + "." + shown(table);
    }

    private static String shown(String part) {
        boolean plain = !part.isEmpty() && part.indexOf('.') < 0 && !part.startsWith("\"")
                && part.strip().equals(part) && part.trim().equals(part);
        return plain ? part : '"' + part.replace("\"", "\"\"") + '"';
    }
}
