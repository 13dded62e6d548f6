package io.lagzero.sink.mapping;

import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.ValueKind;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** The target column a rule makes of a source column: its name, and a schema the dialects read the type from. */
final class MappedColumns {
    private MappedColumns() {
    }

    /** @throws IllegalArgumentException when the rule's conversion does not fit the column */
    static Column map(ColumnRule rule, Column column) {
        Schema schema = column.schema();
        if (rule.conversion() == Conversion.HEX_TO_BINARY) {
            if (column.kind() != ValueKind.STRING) {
                throw new IllegalArgumentException("hex_to_binary needs a text column, but it is " + column.kind());
            }
            schema = binary(column);
        }
        if (rule.targetType() != null) {
            schema = withParameter(schema, Column.TARGET_TYPE, rule.targetType());
        }
        return Column.of(rule.targetColumn(), schema);
    }

    /**
     * Bytes, typed BINARY(n/2) when the source is CHAR(n) or VARCHAR(n) (MariaDB BINARY, PostgreSQL
     * bytea); without a source length the dialect's default for bytes applies.
     */
    private static Schema binary(Column column) {
        Map<String, String> parameters = new HashMap<>(column.schema().parameters() == null ? Map.of()
                : column.schema().parameters());
        parameters.remove(Column.SOURCE_TYPE);
        parameters.remove(Column.SOURCE_LENGTH);
        parameters.remove(Column.SOURCE_SCALE);
        String sourceType = column.sourceType();
        String base = sourceType == null ? "" : sourceType.split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
        Integer length = column.length();
        if ((base.equals("CHAR") || base.equals("VARCHAR")) && length != null && length > 1) {
            parameters.put(Column.SOURCE_TYPE, "BINARY");
            parameters.put(Column.SOURCE_LENGTH, Integer.toString(length / 2));
        }
        SchemaBuilder builder = SchemaBuilder.bytes().parameters(parameters);
        if (column.optional()) {
            builder.optional();
        }
        Object defaultValue = column.schema().defaultValue();
        if (defaultValue != null) {
            builder.defaultValue(Conversion.HEX_TO_BINARY.convert(defaultValue));
        }
        return builder.build();
    }

    static Schema withParameter(Schema schema, String key, String value) {
        SchemaBuilder builder = new SchemaBuilder(schema.type());
        if (schema.name() != null) {
            builder.name(schema.name());
        }
        if (schema.version() != null) {
            builder.version(schema.version());
        }
        Map<String, String> parameters = new HashMap<>(schema.parameters() == null ? Map.of() : schema.parameters());
        parameters.put(key, value);
        builder.parameters(parameters);
        if (schema.isOptional()) {
            builder.optional();
        }
        if (schema.defaultValue() != null) {
            builder.defaultValue(schema.defaultValue());
        }
        return builder.build();
    }
}
