package io.lagzero.control.verify;

import io.lagzero.sink.mapping.Conversion;

/**
 * One column as both sides hold it after the column mapping.
 *
 * @param source the source column's name
 * @param target the target column's name (renamed or not)
 * @param kind how both sides are asked for it
 * @param text true for character columns, which are ordered by their bytes on both sides
 * @param conversion what the sink does to source values (hex_to_binary), or null
 * @param targetType the target's data type, for binding key values in PostgreSQL
 */
record ComparedColumn(String source, String target, ColumnKind kind, boolean text, Conversion conversion,
        String targetType) {
}
