package io.onceload.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target table's columns and the key rows are matched on, read from the catalog.
 *
 * @param keyEnforced a unique index checked at each row guarantees the key is unique (else post-verify checks it);
 *     a DEFERRABLE one checks only at commit, too late for the first load's direct COPY to fall back to staging
 */
public record TargetTable(TableName name, String quotedName, List<Column> columns, List<Column> key,
                          boolean keyEnforced) {

    private static final String COLUMNS = """
            SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod), a.atttypmod, a.attnotnull,
                   a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '',
                   a.attgenerated <> '' OR a.attidentity = 'a'
              FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
             WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum""";

    private static final String PRIMARY_KEY = """
            SELECT a.attname
              FROM pg_index i
              JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE i.indrelid = ?::regclass AND i.indisprimary
             ORDER BY k.ord""";

    private static final String KEY_ENFORCED = """
            SELECT EXISTS (SELECT 1 FROM pg_index i
                            WHERE i.indrelid = ?::regclass AND i.indisunique AND i.indimmediate AND i.indpred IS NULL
                              AND i.indexprs IS NULL
                              AND ARRAY(SELECT a.attname::text FROM unnest(i.indkey) AS k(attnum)
                                          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum)
                                  <@ ?::text[])""";

    public TargetTable {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }

    /**
     * Reads the table's shape. Fails with {@link TableException} when the table is missing, a configured key
     * column does not exist, or there is no key at all.
     */
    public static TargetTable resolve(Connection connection, TableName name, List<String> keyColumns)
            throws SQLException {
        Identifiers identifiers = Identifiers.of(connection);
        String quoted = identifiers.quote(name.schema()) + "." + identifiers.quote(name.table());
        try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, quoted);
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new TableException("table " + name + " does not exist");
                }
            }
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
            ps.setString(1, quoted);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Column column = column(rs);
                    columns.put(column.name(), column);
                }
            }
        }
        List<String> keyNames = keyColumns.isEmpty() ? primaryKey(connection, quoted) : keyColumns;
        if (keyNames.isEmpty()) {
            throw new TableException("table " + name + " has no primary key; set the pipeline's key parameter"
                    + " to the column(s) that identify a row");
        }
        List<Column> key = new ArrayList<>();
        for (String keyName : keyNames) {
            Column column = columns.get(keyName);
            if (column == null) {
                throw new TableException("key column '" + keyName + "' does not exist in table " + name
                        + "; columns: " + String.join(", ", columns.keySet()));
            }
            key.add(column);
        }
        return new TargetTable(name, quoted, new ArrayList<>(columns.values()), key,
                keyEnforced(connection, quoted, keyNames));
    }

    private static boolean keyEnforced(Connection connection, String quoted, List<String> keyNames)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(KEY_ENFORCED)) {
            ps.setString(1, quoted);
            ps.setArray(2, connection.createArrayOf("text", keyNames.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static List<String> primaryKey(Connection connection, String quoted) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(PRIMARY_KEY)) {
            ps.setString(1, quoted);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static Column column(ResultSet rs) throws SQLException {
        ColumnKind kind = ColumnKind.of(rs.getString(2));
        int typmod = rs.getInt(4);
        int length = -1;
        int precision = -1;
        int scale = -1;
        if ((kind == ColumnKind.VARCHAR || kind == ColumnKind.CHAR) && typmod >= 4) {
            length = typmod - 4;
        } else if (kind == ColumnKind.NUMERIC && typmod >= 4) {
            precision = ((typmod - 4) >> 16) & 0xffff;
            // an 11-bit two's complement field: numeric(5,-2) (PostgreSQL 15+) has scale -2
            scale = (((typmod - 4) & 0x7ff) ^ 0x400) - 0x400;
        } else if ((kind == ColumnKind.TIMESTAMP || kind == ColumnKind.TIMESTAMPTZ) && typmod >= 0) {
            precision = typmod;
        }
        return new Column(rs.getString(1), kind, rs.getString(3), length, precision, scale, rs.getBoolean(5),
                rs.getBoolean(6), rs.getBoolean(7));
    }

    public boolean isKey(Column column) {
        return key.contains(column);
    }

    /** Whether the table has no row at all; a quick probe, without any lock beyond the read. */
    public boolean isEmpty(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + quotedName + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public java.util.Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
