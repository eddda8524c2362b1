package io.onceload.testing;

import java.util.List;

/**
 * What hostile input must not change, equal before and after when nothing was created, dropped, altered or
 * rewritten: every relation and function in the database, and one table's columns, constraints and row versions.
 */
public record CatalogSnapshot(List<List<String>> relations, List<List<String>> functions,
                              List<List<String>> columns, List<List<String>> constraints, List<List<String>> rows) {

    /**
     * @param table a quoted, schema-qualified table name whose shape and rows are captured
     * @param orderBy the table's key, for a stable row order
     */
    public static CatalogSnapshot of(String table, String orderBy) {
        String literal = "'" + table.replace("'", "''") + "'";
        return new CatalogSnapshot(
                // temporary schemas hold the loads' ON COMMIT DROP staging tables, which must be gone too
                TestDatabase.rows("SELECT n.nspname, c.relname, c.relkind FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace ORDER BY 1, 2, 3"),
                TestDatabase.rows("SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)"
                        + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                        + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2, 3"),
                TestDatabase.rows("SELECT attnum::text, attname, format_type(atttypid, atttypmod), attnotnull::text,"
                        + " atthasdef::text, attisdropped::text FROM pg_attribute WHERE attrelid = " + literal
                        + "::regclass AND attnum > 0 ORDER BY attnum"),
                TestDatabase.rows("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = "
                        + literal + "::regclass ORDER BY 1"),
                TestDatabase.rows("SELECT t::text, xmin::text, ctid::text FROM " + table + " t ORDER BY " + orderBy));
    }
}
