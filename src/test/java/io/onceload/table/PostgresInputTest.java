package io.onceload.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.onceload.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * onceload's conversion against PostgreSQL's own input functions, for hard inputs per type: for every input either
 * both accept it and store the same value, or onceload rejects it (accepting less than PostgreSQL is allowed).
 */
class PostgresInputTest {

    private static final List<String> WHITESPACE = List.of(" %s", "%s ", "\t%s\n", "\r%s\f", "\u3000%s", "%s\u3000",
            "\u2003%s", "\u00a0%s", "\u000b%s", "\u0001%s", "%s\u0085");

    /** Column type → inputs; each is also tried wrapped in the {@link #WHITESPACE} forms. */
    private static final Map<String, List<String>> INPUTS = new LinkedHashMap<>();

    static {
        List<String> integers = List.of("0", "-0", "+7", "0042", "32767", "32768", "-32768", "-32769", "2147483647",
                "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                "1e3", "1.0", "0x10", "1_000", "\u0663", "", "-", "+");
        INPUTS.put("smallint", integers);
        INPUTS.put("integer", integers);
        INPUTS.put("bigint", integers);
        List<String> numerics = List.of("0", "-0", "-0.00", "1.005", "-1.005", "999.995", "999.994", "1e3", "1E-2",
                ".5", "5.", "+.5", "-.5e1", "12345.6", "123456", "1250", "-1249.9", "1e131072", "1e-16384", "NaN",
                "nan", "Infinity", "-Infinity", "inf", "1_000", "0x10", "1.2.3", "", "e5", "\u0661");
        INPUTS.put("numeric", numerics);
        INPUTS.put("numeric(5,2)", numerics);
        INPUTS.put("numeric(5,-2)", numerics);
        INPUTS.put("numeric(3,5)", List.of("0.001", "0.00999", "0.009995", "0.01", "0.01000", "0.00100", "-0.0012345",
                "1"));
        List<String> floats = List.of("0", "-0", "1.5", "1e39", "-1e39", "1e-46", "3.4e38", "3.5e38", "1e308",
                "1e309", "1e-324", "4.9e-324", "NaN", "nan", "+NaN", "Infinity", "-Infinity", "inf", "-inf", "+inf",
                "infinity", "0x1p3", "1.5e", ".5", "5.", "1_000", "1e+2", "\u0661");
        INPUTS.put("real", floats);
        INPUTS.put("double precision", floats);
        INPUTS.put("boolean", List.of("t", "TRUE", "yes", "Y", "on", "off", "of", "o", "1", "0", "2", "tr", "fa",
                "enable", ""));
        INPUTS.put("date", List.of("2026-02-28", "2026-02-29", "2024-02-29", "2026-02-30", "0001-01-01", "0000-01-01",
                "9999-12-31", "10000-01-01", "2026-1-1", "20260101", "infinity", "2026-01-01T00:00", "26-01-01"));
        List<String> timestamps = List.of("2026-01-01 10:00:00.4", "2026-01-01 10:00:00.5", "2026-01-01 10:00:00.45",
                "2026-01-01 10:00:00.0000001", "2026-01-01 10:00:00.1234565", "2026-01-01 10:00:00.123456",
                "2026-01-01T10:00", "2026-01-01 10:00", "2026-01-01 24:00:00", "2026-01-01 23:59:60",
                "1999-12-31 23:59:59.5", "1999-12-31 23:59:59.49", "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999",
                "2026-01-01", "2026-01-01 10:00:00Z", "2026-01-01 10:00:00+01:00", "2026-01-01  10:00");
        INPUTS.put("timestamp", timestamps);
        INPUTS.put("timestamp(0)", timestamps);
        INPUTS.put("timestamp(3)", timestamps);
        List<String> zoned = new ArrayList<>(timestamps);
        zoned.addAll(List.of("2026-01-01 10:00:00+15:59", "2026-01-01 10:00:00-15:59", "2026-01-01 10:00:00+16:00",
                "2026-01-01 10:00:00-16", "2026-01-01 10:00:00+14", "2026-01-01 10:00:00+0530", "2026-01-01 10:00Z",
                "0001-01-01 00:30+01:00", "9999-12-31 23:30-01:00", "0001-01-01 00:00:00+00",
                "2026-01-01 10:00:00.1234567Z", "2026-01-01 10:00:00.5+01:00", "2026-01-01 10:00:00+01:30:30"));
        INPUTS.put("timestamp with time zone", zoned);
        INPUTS.put("timestamp(0) with time zone", zoned);
        INPUTS.put("uuid", List.of("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
                "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "a0eebc999c0b4ef8bb6d6bb9bd380a11",
                "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        List<String> texts = List.of("abc", "ab ", "abc ", "abcd", "abc\t", "ab\t", "abc  ", "日本語", "日本語x", "",
                "a".repeat(63), "a".repeat(64), "é".repeat(31) + "a", "é".repeat(32), "a", "é", "ab");
        INPUTS.put("text", texts);
        INPUTS.put("character varying(3)", texts);
        INPUTS.put("character(3)", texts);
        INPUTS.put("name", texts);
        INPUTS.put("\"char\"", texts);
    }

    @Test
    void everyInputIsStoredAsPostgresqlWouldOrRejected() throws SQLException {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("SET LOCAL TimeZone = 'UTC'");
                statement.execute("SET LOCAL DateStyle = 'ISO, YMD'");
                statement.execute("SET LOCAL extra_float_digits = 1");
                statement.execute("CREATE TEMP TABLE input_types (" + String.join(", ", columns()) + ") ON COMMIT DROP");
            }
            TargetTable table = TargetTable.resolve(connection, TableName.parse("pg_temp.input_types"), List.of("c0"));
            int index = 0;
            for (Map.Entry<String, List<String>> type : INPUTS.entrySet()) {
                Column column = table.columns().get(index++);
                for (String input : withWhitespace(type.getValue())) {
                    compared++;
                    String postgres = store(connection, column, input);
                    String onceload;
                    try {
                        String canonical = ValueConverter.convert(column, input);
                        onceload = store(connection, column, canonical);
                        if (onceload == null) {
                            mismatches.add(type.getKey() + " '" + escape(input) + "': onceload's canonical text '"
                                    + escape(canonical) + "' is refused by PostgreSQL");
                            continue;
                        }
                    } catch (BadValueException e) {
                        continue; // a reject with line and column: allowed
                    }
                    if (postgres == null) {
                        mismatches.add(type.getKey() + " '" + escape(input) + "': PostgreSQL refuses it, onceload"
                                + " accepts it as '" + escape(onceload) + "'");
                    } else if (!postgres.equals(onceload)) {
                        mismatches.add(type.getKey() + " '" + escape(input) + "': PostgreSQL stores '"
                                + escape(postgres) + "', onceload '" + escape(onceload) + "'");
                    }
                }
            }
            connection.rollback();
        }
        assertThat(compared).isGreaterThan(3000);
        assertThat(mismatches).isEmpty();
    }

    private static List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (String type : INPUTS.keySet()) {
            columns.add("c" + columns.size() + " " + type);
        }
        return columns;
    }

    private static List<String> withWhitespace(List<String> inputs) {
        List<String> all = new ArrayList<>(inputs);
        for (String input : inputs) {
            for (String form : WHITESPACE) {
                all.add(form.replace("%s", input));
            }
        }
        return all;
    }

    /**
     * The value PostgreSQL stores for the text in the column, as it prints it, or null when it refuses it. The
     * parameter has no type, so the column's input function reads the text, with its typmod, as in COPY.
     */
    private static String store(Connection connection, Column column, String text) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO input_types (" + column.name()
                + ") VALUES (?) RETURNING " + column.name() + "::text")) {
            ps.setObject(1, text, java.sql.Types.OTHER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) == null ? "<null>" : rs.getString(1);
            }
        } catch (SQLException e) {
            connection.rollback(savepoint);
            return null;
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c < 0x20 || c > 0x7e && c < 0xa1 || c > 0x2000 && c < 0x3001
                ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }
}
