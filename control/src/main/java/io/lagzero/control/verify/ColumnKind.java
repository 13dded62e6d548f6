package io.lagzero.control.verify;

import java.util.Locale;

/** Source column types that each database must be asked for in its own way to compare equal. */
enum ColumnKind {
    DATETIME, TIME, BIT, JSON, OTHER;

    static ColumnKind ofSourceType(String dataType) {
        return switch (dataType.toLowerCase(Locale.ROOT)) {
            case "datetime", "timestamp" -> DATETIME;
            case "time" -> TIME;
            case "bit" -> BIT;
            case "json" -> JSON;
            default -> OTHER;
        };
    }

    /** JSON when either side declares it (a MariaDB source's JSON is LONGTEXT; a PostgreSQL target's json/jsonb). */
    static ColumnKind of(String sourceDataType, String targetDataType) {
        String target = targetDataType.toLowerCase(Locale.ROOT);
        return target.equals("json") || target.equals("jsonb") ? JSON : ofSourceType(sourceDataType);
    }
}
