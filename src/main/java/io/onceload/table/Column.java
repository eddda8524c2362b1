package io.onceload.table;

/**
 * One column of a target table as PostgreSQL describes it.
 *
 * @param length character limit of varchar(n)/char(n), or -1
 * @param precision numeric precision, or fractional second digits of timestamp(p); -1 when unconstrained
 * @param scale numeric scale, or -1 when unconstrained
 * @param hasDefault a default, identity or generated value exists, so a file may omit the column
 * @param generated PostgreSQL computes the value (generated, or identity GENERATED ALWAYS): never written
 */
public record Column(String name, ColumnKind kind, String sqlType, int length, int precision, int scale,
                     boolean notNull, boolean hasDefault, boolean generated) {

    /** NOT NULL with nothing to fill it: a file must provide this column. */
    public boolean required() {
        return notNull && !hasDefault;
    }
}
