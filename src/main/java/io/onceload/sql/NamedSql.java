package io.onceload.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL text with named parameters ({@code :logical_date}) turned into JDBC placeholders, split into statements.
 * Quoted strings, quoted identifiers, dollar-quoted bodies, comments and {@code ::} casts are left alone, so a
 * value is only ever bound, never spliced into the text.
 *
 * @param statements each statement's text with {@code ?} where a name stood
 * @param names per statement, the names in placeholder order
 */
public record NamedSql(List<String> statements, List<List<String>> names) {

    public NamedSql {
        statements = List.copyOf(statements);
        names = names.stream().map(List::copyOf).toList();
    }

    /** Every distinct name used, in order of first use. */
    public List<String> used() {
        return names.stream().flatMap(List::stream).distinct().toList();
    }

    public static NamedSql parse(String text) {
        List<String> statements = new ArrayList<>();
        List<List<String>> names = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        List<String> current = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = closing(text, i + 1, c);
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (c == '$' && (end = dollarQuoted(text, i)) > i) {
                // end set by the condition
            } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
                end = i + 2;
            } else if (c == ':' && i + 1 < n && isNameStart(text.charAt(i + 1))
                    && (i == 0 || text.charAt(i - 1) != ':')) {
                int j = i + 1;
                while (j < n && isNamePart(text.charAt(j))) {
                    j++;
                }
                current.add(text.substring(i + 1, j));
                out.append('?');
                i = j;
                continue;
            } else if (c == '?') {
                // a literal ? (jsonb's ?, ?| and ?&) would count as a placeholder; the driver's escape is ??
                out.append("??");
                i++;
                continue;
            } else if (c == ';') {
                add(statements, names, out, current);
                out = new StringBuilder();
                current = new ArrayList<>();
                i++;
                continue;
            } else {
                end = i + 1;
            }
            out.append(text, i, end);
            i = end;
        }
        add(statements, names, out, current);
        return new NamedSql(statements, names);
    }

    private static void add(List<String> statements, List<List<String>> names, StringBuilder out, List<String> used) {
        if (!out.toString().strip().isEmpty() && !onlyComments(out.toString())) {
            statements.add(out.toString().strip());
            names.add(used);
        }
    }

    private static boolean onlyComments(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("--[^\n]*", "").isBlank();
    }

    /** Index after the quote that closes one opened before {@code from}; a doubled quote is part of the text. */
    private static int closing(String text, int from, char quote) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    /** Index after a {@code $tag$ ... $tag$} body starting at {@code at}, or {@code at} when none starts there. */
    private static int dollarQuoted(String text, int at) {
        int close = text.indexOf('$', at + 1);
        if (close < 0) {
            return at;
        }
        String tag = text.substring(at, close + 1);
        if (!tag.matches("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$")) {
            return at;
        }
        int end = text.indexOf(tag, close + 1);
        return end < 0 ? text.length() : end + tag.length();
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }
}
