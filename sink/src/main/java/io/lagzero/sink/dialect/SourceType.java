package io.lagzero.sink.dialect;

import io.lagzero.sink.event.Column;

/** A column's MySQL type as Debezium propagates it, split into the base name and its modifiers. */
record SourceType(String base, boolean unsigned, Integer length, Integer scale) {
    static SourceType of(Column column) {
        String type = column.sourceType();
        if (type == null) {
            return null;
        }
        String base = type.split("[\\s(]", 2)[0];
        return new SourceType(base, type.contains("UNSIGNED"), column.length(), column.scale());
    }

    int lengthOr(int fallback) {
        return length == null || length <= 0 ? fallback : length;
    }

    /** Fractional-second digits of DATETIME, TIMESTAMP and TIME: the length, 0 when absent. */
    int fractionDigits() {
        return Math.max(0, Math.min(6, lengthOr(0)));
    }

    /** DECIMAL(p, s) precision and scale, from the source column or the Connect decimal schema. */
    static int precision(Column column) {
        Integer length = column.length();
        if (length != null && length > 0) {
            return length;
        }
        Integer precision = column.integerParameter("connect.decimal.precision");
        return precision == null ? 65 : precision;
    }

    static int scale(Column column) {
        Integer scale = column.scale();
        if (scale == null) {
            scale = column.integerParameter("scale");
        }
        return scale == null ? 0 : scale;
    }
}
