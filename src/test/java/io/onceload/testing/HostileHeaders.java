package io.onceload.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/** A fixed-seed generator of hostile CSV header names aimed at the columns of the example {@code orders} table. */
public final class HostileHeaders {

    public static final List<String> COLUMNS = List.of("order_id", "customer_id", "order_date", "status",
            "total_amount", "currency", "updated_at");

    /** SQL, Camel and format-string fragments; none of them may ever reach a statement or an expression. */
    private static final List<String> FRAGMENTS = List.of("'", "\"", "\\", ";", "--", "/*", "*/", "$$", "$x$",
            "${", "}", "${header.CamelFileName}", "${date:now:yyyy}", "${sys:user.home}", "{{", "}}",
            "{{onceload.inbox}}", "#{", "%s", "%n", "`", "\\.", "\\N", "E'\\x41'", "U&\"\\0061\"", ")", "(", ",",
            "'; DROP TABLE orders; --", "\"; DROP TABLE public.orders; --", "\" OR \"1\"=\"1", "); DELETE FROM orders",
            "*/ DROP SCHEMA onceload CASCADE /*", "$$; CREATE TABLE pwned(); $$", "pg_sleep(5)", "\" text, \"evil",
            "order_id\" = 1; --", "\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\r\n", "\u000B", "\f",
            "\u001B[31m", "\u007F", "\u0085", "\u00A0", "\u2028", "\u2029", "\u200B", "\u200C", "\u200D", "\u200E",
            "\u200F", "\u202E", "\u2066", "\uFEFF", "\u0301", "😀", "名", "ü", "ß", "İ", "ı", "\u212A", "ſ", "ﬁ", " ");

    /** Letters and their look-alikes from other scripts: the same glyph, another code point. */
    private static final String[][] CONFUSABLES = {{"o", "\u043E", "\u03BF", "\uFF4F"}, {"a", "\u0430", "\u03B1"},
            {"e", "\u0435", "\u03B5"}, {"c", "\u0441", "\u03F2"}, {"p", "\u0440", "\u03C1"}, {"i", "\u0456", "\u0131"},
            {"d", "\u0501", "\u217E"}, {"r", "\u0433"}, {"s", "\u0455"}, {"u", "\u03C5", "\u0446"},
            {"t", "\u03C4"}, {"_", "\uFF3F", "\u02CD"}, {"m", "\u217F"}, {"y", "\u0443"}};

    /** Wrappers that keep the name recognisable; the product may or may not map it (the oracle decides). */
    private static final String[][] WRAPPERS = {{"\"", "\""}, {"'", "'"}, {"`", "`"}, {"[", "]"}, {" ", " "},
            {"\t", ""}, {"", ";"}, {"", " --"}, {"", "\u200B"}, {"\u200F", ""}, {"\u202E", "\u202C"}, {"\uFEFF", ""},
            {"${", "}"}, {"{{", "}}"}, {"", "\u0000"}, {"", "\n"}, {"", "\u0301"}, {"(", ")"}, {"$$", "$$"}};

    /** The number categories a regex {@code \\p{N}} matches: decimal digits, letter numbers (Ⅻ), others (²). */
    private static final Set<Integer> NUMBERS = Set.of((int) Character.DECIMAL_DIGIT_NUMBER,
            (int) Character.LETTER_NUMBER, (int) Character.OTHER_NUMBER);

    private HostileHeaders() {
    }

    /**
     * One case: a header name, and the real column it replaces in the header (or null: it is an extra column).
     */
    public record Case(int number, String header, String replaces) {
    }

    public static List<Case> generate(int count, long seed) {
        Random random = new Random(seed);
        Set<String> headers = new LinkedHashSet<>();
        List<Case> cases = new ArrayList<>();
        for (String column : COLUMNS) {
            for (String variant : variants(column)) {
                if (headers.add(column + "\u0000" + variant)) {
                    cases.add(new Case(cases.size(), variant, column));
                }
            }
        }
        for (String fragment : FRAGMENTS) {
            cases.add(new Case(cases.size(), fragment, null));
        }
        while (cases.size() < count) {
            String header = randomHeader(random);
            String replaces = random.nextBoolean() ? null : COLUMNS.get(random.nextInt(COLUMNS.size()));
            if (headers.add(replaces + "\u0000" + header)) {
                cases.add(new Case(cases.size(), header, replaces));
            }
        }
        return cases;
    }

    /** Systematic variants of one real column name: case, wrappers, look-alikes, invisible characters, length. */
    private static List<String> variants(String column) {
        List<String> variants = new ArrayList<>(List.of(column.toUpperCase(Locale.ROOT),
                Character.toUpperCase(column.charAt(0)) + column.substring(1), column.replace('_', ' '),
                column.replace('_', '-'), column.replace("_", ""), column.replace("_", "__"), column + "_",
                column + "2", "x" + column, column.replace('_', '.'), column.toUpperCase(Locale.ROOT).replace('I', 'İ'),
                column.replace('i', 'ı')));
        for (String[] wrapper : WRAPPERS) {
            variants.add(wrapper[0] + column + wrapper[1]);
        }
        for (int i = 0; i < column.length(); i++) {
            for (String[] confusable : CONFUSABLES) {
                if (column.substring(i, i + 1).equals(confusable[0])) {
                    for (int k = 1; k < confusable.length; k++) {
                        variants.add(column.substring(0, i) + confusable[k] + column.substring(i + 1));
                    }
                }
            }
            for (String invisible : List.of("\u200D", "\u00AD", "\u0301")) {
                variants.add(column.substring(0, i) + invisible + column.substring(i));
            }
        }
        // around PostgreSQL's 63-byte identifier limit, with multi-byte characters straddling the cut
        for (String filler : List.of("x", "é", "名", "😀")) {
            for (int bytes : new int[] {62, 63, 64, 65, 130}) {
                variants.add(padTo(column, filler, bytes));
            }
        }
        variants.add(column + "_".repeat(2000));
        return variants;
    }

    /** {@code column} followed by {@code filler} until the name reaches at least {@code bytes} UTF-8 bytes. */
    static String padTo(String column, String filler, int bytes) {
        StringBuilder name = new StringBuilder(column);
        while (name.toString().getBytes(StandardCharsets.UTF_8).length < bytes) {
            name.append(name.toString().getBytes(StandardCharsets.UTF_8).length + filler.getBytes(
                    StandardCharsets.UTF_8).length <= bytes ? filler : "x");
        }
        return name.toString();
    }

    private static String randomHeader(Random random) {
        StringBuilder header = new StringBuilder();
        int parts = 1 + random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(5)) {
                case 0 -> header.append(COLUMNS.get(random.nextInt(COLUMNS.size())));
                case 1 -> {
                    String column = COLUMNS.get(random.nextInt(COLUMNS.size()));
                    header.append(random.nextBoolean() ? column.toUpperCase(Locale.ROOT) : lookAlike(column, random));
                }
                case 2 -> header.append("a".repeat(random.nextInt(70)));
                default -> header.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            }
        }
        return header.toString();
    }

    private static String lookAlike(String column, Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < column.length(); i++) {
            String letter = column.substring(i, i + 1);
            String replaced = letter;
            for (String[] confusable : CONFUSABLES) {
                if (confusable[0].equals(letter) && random.nextInt(3) == 0) {
                    replaced = confusable[1 + random.nextInt(confusable.length - 1)];
                }
            }
            out.append(replaced);
        }
        return out.toString();
    }

    /**
     * The column the README's rule maps a header to, written independently of {@code HeaderMapping}: the
     * stripped name exactly, else the name lower-cased with every run of non-letters/digits turned into one
     * {@code _} and {@code _} trimmed; null when nothing matches, "" when the name is blank.
     */
    public static String oracle(String header) {
        String stripped = header.strip();
        if (stripped.isEmpty()) {
            return "";
        }
        if (COLUMNS.contains(stripped)) {
            return stripped;
        }
        StringBuilder normal = new StringBuilder();
        boolean gap = false;
        for (int cp : stripped.toLowerCase(Locale.ROOT).codePoints().toArray()) {
            if (Character.isLetter(cp) || NUMBERS.contains(Character.getType(cp))) {
                if (gap && normal.length() > 0) {
                    normal.append('_');
                }
                normal.appendCodePoint(cp);
                gap = false;
            } else {
                gap = true;
            }
        }
        return COLUMNS.stream().filter(c -> c.equals(normal.toString())).findFirst().orElse(null);
    }
}
