package io.lagzero.sink.dialect;

import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.ValueKind;

/** PostgreSQL column types for MySQL source columns; unsigned integers widen to the next type. */
final class PostgresTypes {
    private PostgresTypes() {
    }

    static String of(Column column) {
        SourceType type = SourceType.of(column);
        if (column.kind() == ValueKind.BOOLEAN) {
            return "boolean";
        }
        String mapped = type == null ? null : fromSource(column, type);
        return mapped != null ? mapped : fromKind(column);
    }

    private static String fromSource(Column column, SourceType type) {
        return switch (type.base()) {
            case "TINYINT" -> "smallint";
            case "SMALLINT" -> type.unsigned() ? "integer" : "smallint";
            case "MEDIUMINT" -> "integer";
            case "INT", "INTEGER" -> type.unsigned() ? "bigint" : "integer";
            case "BIGINT" -> type.unsigned() ? "numeric(20,0)" : "bigint";
            case "DECIMAL", "NUMERIC", "DEC", "FIXED" ->
                    "numeric(" + SourceType.precision(column) + "," + SourceType.scale(column) + ")";
            case "FLOAT", "DOUBLE", "REAL" -> column.kind() == ValueKind.FLOAT32 ? "real" : "double precision";
            case "CHAR", "VARCHAR" -> type.length() == null ? "text" : "varchar(" + type.length() + ")";
            case "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "ENUM", "SET" -> "text";
            case "BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB" -> "bytea";
            case "DATE" -> "date";
            case "DATETIME" -> "timestamp(" + type.fractionDigits() + ")";
            case "TIMESTAMP" -> "timestamptz(" + type.fractionDigits() + ")";
            case "TIME" -> "interval(" + type.fractionDigits() + ")";
            case "YEAR" -> "smallint";
            case "JSON" -> "json";
            case "BIT" -> "bit(" + type.lengthOr(1) + ")";
            default -> null;
        };
    }

    private static String fromKind(Column column) {
        return switch (column.kind()) {
            case INT8, INT16, YEAR -> "smallint";
            case INT32 -> "integer";
            case INT64 -> "bigint";
            case FLOAT32 -> "real";
            case FLOAT64 -> "double precision";
            case BOOLEAN -> "boolean";
            case STRING -> "text";
            case BYTES -> "bytea";
            case DECIMAL -> "numeric";
            case DATE -> "date";
            case DATETIME -> "timestamp(6)";
            case TIMESTAMP -> "timestamptz(6)";
            case TIME -> "interval(6)";
            case JSON -> "json";
            case BITS -> "bit(" + column.integerParameter("length") + ")";
        };
    }
}
