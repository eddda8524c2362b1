package io.onceload.table;

/** A target table as the user named it: optional schema plus table, case kept as written. */
public record TableName(String schema, String table) {

    /** Parses {@code orders} or {@code sales.orders}; a missing schema means {@code public}. */
    public static TableName parse(String text) {
        String trimmed = text.trim();
        int dot = trimmed.indexOf('.');
        if (dot < 0) {
            return new TableName("public", trimmed);
        }
        return new TableName(trimmed.substring(0, dot), trimmed.substring(dot + 1));
    }

    public boolean isValid() {
        return !schema.isEmpty() && !table.isEmpty() && table.indexOf('.') < 0;
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
