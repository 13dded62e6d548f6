package io.lagzero.sink.dialect;

import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.ValueKind;
import java.util.Arrays;
import java.util.stream.Collectors;

/** MariaDB/MySQL column types: the source's MySQL type, kept. */
final class MariaDbTypes {
    private static final String UTF8MB4 = " CHARACTER SET utf8mb4";

    private MariaDbTypes() {
    }

    static String of(Column column, boolean key) {
        SourceType type = SourceType.of(column);
        String mapped = type == null ? null : fromSource(column, type);
        return mapped != null ? mapped : fromKind(column, key);
    }

    private static String fromSource(Column column, SourceType type) {
        String base = type.base();
        return switch (base) {
            case "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT" -> integer(type);
            case "BOOLEAN", "BOOL" -> "BOOLEAN";
            case "DECIMAL", "NUMERIC", "DEC", "FIXED" -> decimal(column);
            case "FLOAT", "DOUBLE", "REAL" -> column.kind() == ValueKind.FLOAT32 ? "FLOAT" : "DOUBLE";
            case "CHAR", "VARCHAR" -> base + "(" + type.lengthOr(255) + ")" + UTF8MB4;
            case "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT" -> base + UTF8MB4;
            case "BINARY", "VARBINARY" -> base + "(" + type.lengthOr(255) + ")";
            case "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB", "DATE", "YEAR", "JSON" -> base;
            case "DATETIME", "TIMESTAMP", "TIME" -> base + "(" + type.fractionDigits() + ")";
            case "ENUM", "SET" -> options(column, base);
            case "BIT" -> "BIT(" + type.lengthOr(1) + ")";
            default -> null;
        };
    }

    private static String integer(SourceType type) {
        String width = type.base().equals("TINYINT") && Integer.valueOf(1).equals(type.length()) ? "(1)" : "";
        return type.base() + width + (type.unsigned() ? " UNSIGNED" : "");
    }

    private static String decimal(Column column) {
        return "DECIMAL(" + SourceType.precision(column) + "," + SourceType.scale(column) + ")";
    }

    private static String options(Column column, String base) {
        String allowed = column.parameter("allowed");
        if (allowed == null || allowed.isEmpty()) {
            return "VARCHAR(255)" + UTF8MB4;
        }
        return base + "(" + Arrays.stream(allowed.split(","))
                .map(o -> "'" + o.replace("\\", "\\\\").replace("'", "''") + "'")
                .collect(Collectors.joining(",")) + ")" + UTF8MB4;
    }

    private static String fromKind(Column column, boolean key) {
        return switch (column.kind()) {
            case INT8 -> "TINYINT";
            case INT16 -> "SMALLINT";
            case INT32 -> "INT";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case STRING -> key ? "VARCHAR(255)" + UTF8MB4 : "LONGTEXT" + UTF8MB4;
            case BYTES -> key ? "VARBINARY(255)" : "LONGBLOB";
            case DECIMAL -> decimal(column);
            case DATE -> "DATE";
            case DATETIME -> "DATETIME(6)";
            case TIMESTAMP -> "TIMESTAMP(6)";
            case TIME -> "TIME(6)";
            case YEAR -> "YEAR";
            case JSON -> "JSON";
            case BITS -> "BIT(" + column.integerParameter("length") + ")";
        };
    }
}
