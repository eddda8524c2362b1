package io.onceload.table;

import java.util.Locale;

/** The PostgreSQL types onceload validates in Java; everything else is checked by PostgreSQL itself. */
public enum ColumnKind {
    SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE, TEXT, VARCHAR, CHAR, BOOLEAN, DATE, TIMESTAMP,
    TIMESTAMPTZ, UUID, OTHER;

    /** Maps a {@code pg_type.typname}. */
    public static ColumnKind of(String typname) {
        return switch (typname.toLowerCase(Locale.ROOT)) {
            case "int2" -> SMALLINT;
            case "int4" -> INTEGER;
            case "int8" -> BIGINT;
            case "numeric" -> NUMERIC;
            case "float4" -> REAL;
            case "float8" -> DOUBLE;
            case "text", "name", "citext" -> TEXT;
            case "varchar" -> VARCHAR;
            case "bpchar" -> CHAR;
            case "bool" -> BOOLEAN;
            case "date" -> DATE;
            case "timestamp" -> TIMESTAMP;
            case "timestamptz" -> TIMESTAMPTZ;
            case "uuid" -> UUID;
            default -> OTHER;
        };
    }

    public boolean isText() {
        return this == TEXT || this == VARCHAR || this == CHAR || this == OTHER;
    }
}
