package io.lagzero.control.verify;

import java.util.Locale;

/** Source column types that each database must be asked for in its own way to compare equal. */
enum ColumnKind {
    DATETIME, TIME, BIT, OTHER;

    static ColumnKind ofSourceType(String dataType) {
        return switch (dataType.toLowerCase(Locale.ROOT)) {
            case "datetime", "timestamp" -> DATETIME;
            case "time" -> TIME;
            case "bit" -> BIT;
            default -> OTHER;
        };
    }
}
