package io.lagzero.sink.event;

import java.util.Locale;
import org.apache.kafka.connect.data.Schema;

/**
 * One column of a source table: its name, its Connect field schema (with Debezium's
 * {@code __debezium.source.column.*} parameters when the source propagates them) and its kind.
 */
public record Column(String name, Schema schema, ValueKind kind) {
    public static final String SOURCE_TYPE = "__debezium.source.column.type";
    public static final String SOURCE_LENGTH = "__debezium.source.column.length";
    public static final String SOURCE_SCALE = "__debezium.source.column.scale";
    /** A declared target SQL type (from the column mapping) that the dialects use instead of their choice. */
    public static final String TARGET_TYPE = "lagzero.target.type";

    public static Column of(String name, Schema schema) {
        return new Column(name, schema, ValueKind.of(schema));
    }

    public boolean optional() {
        return schema.isOptional();
    }

    /** The source column type upper-cased, e.g. {@code BIGINT UNSIGNED}; null when not propagated. */
    public String sourceType() {
        String type = parameter(SOURCE_TYPE);
        return type == null ? null : type.trim().toUpperCase(Locale.ROOT);
    }

    /** The source column length or precision; null when absent. */
    public Integer length() {
        return integerParameter(SOURCE_LENGTH);
    }

    /** The source column scale; null when absent. */
    public Integer scale() {
        return integerParameter(SOURCE_SCALE);
    }

    public String parameter(String key) {
        return schema.parameters() == null ? null : schema.parameters().get(key);
    }

    public Integer integerParameter(String key) {
        String value = parameter(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
