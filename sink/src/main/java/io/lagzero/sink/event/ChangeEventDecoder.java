package io.lagzero.sink.event;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Decodes a Debezium MySQL/MariaDB change record into a {@link ChangeEvent}. The native envelope
 * ({@code before}, {@code after}, {@code source}, {@code op}) comes first; a row flattened by
 * {@code ExtractNewRecordState} is accepted too, a delete there being {@code __deleted=true}.
 */
public final class ChangeEventDecoder {
    private static final BySchema<List<Column>> ENVELOPE_COLUMNS = new BySchema<>(schema -> columns(schema, name -> true));
    private static final BySchema<KeyShape> KEYS = new BySchema<>(KeyShape::of);
    private static final String ENVELOPE_OR_ROW = "value is neither a Debezium envelope (before, after, source, op) "
            + "nor a flattened row (__table field, or schema named <prefix>.<db>.<table>.Value)";

    /** The event, or empty for a tombstone; throws {@link UndecodableRecordException} for anything else. */
    public Optional<ChangeEvent> decode(SinkRecord record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        KafkaPosition position = KafkaPosition.of(record);
        try {
            Struct value = struct(record.value(), "value");
            Struct key = struct(record.key(), "key (the source table needs a primary key)");
            return Optional.of(isEnvelope(value.schema())
                    ? envelope(key, value, position)
                    : flattened(key, value, position));
        } catch (DataException | IllegalArgumentException | ClassCastException | DateTimeException e) {
            throw new UndecodableRecordException(position, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static Struct struct(Object value, String what) {
        if (value instanceof Struct struct) {
            return struct;
        }
        throw new IllegalArgumentException(what + " is " + (value == null ? "null" : value.getClass().getName())
                + ", expected a Struct (use JsonConverter with schemas.enable=true)");
    }

    private static boolean isEnvelope(Schema schema) {
        return schema.field("op") != null && schema.field("source") != null
                && schema.field("after") != null && schema.field("before") != null;
    }

    private static ChangeEvent envelope(Struct key, Struct value, KafkaPosition position) {
        String op = value.getString("op");
        Operation operation = switch (op == null ? "" : op) {
            case "c", "u", "r" -> Operation.UPSERT;
            case "d" -> Operation.DELETE;
            default -> throw new IllegalArgumentException("op '" + op
                    + "' is not a row change (truncate and message events are not replicated)");
        };
        Struct source = value.getStruct("source");
        String table = source.schema().field("table") == null ? null : source.getString("table");
        if (table == null) {
            throw new IllegalArgumentException("source.table is missing");
        }
        Struct row = value.getStruct(operation == Operation.UPSERT ? "after" : "before");
        if (operation == Operation.UPSERT && row == null) {
            throw new IllegalArgumentException("op '" + op + "' has no 'after' row");
        }
        List<Column> columns = ENVELOPE_COLUMNS.of(value.schema().field("after").schema());
        TableId id = new TableId(source.getString("db"), table);
        return event(id, operation, columns, key, row, source.getInt64("ts_ms"), position);
    }

    private static ChangeEvent flattened(Struct key, Struct value, KafkaPosition position) {
        Schema schema = value.schema();
        boolean deleted = schema.field("__deleted") != null
                && "true".equalsIgnoreCase(String.valueOf(value.get("__deleted")));
        Object ts = schema.field("__source_ts_ms") == null ? null : value.get("__source_ts_ms");
        List<Column> columns = columns(schema, name -> !name.startsWith("__"));
        Operation operation = deleted ? Operation.DELETE : Operation.UPSERT;
        long sourceTsMs = ts == null ? 0L : ((Number) ts).longValue();
        return event(flattenedTable(value), operation, columns, key, value, sourceTsMs, position);
    }

    private static TableId flattenedTable(Struct value) {
        Schema schema = value.schema();
        if (schema.field("__table") != null && value.get("__table") != null) {
            String db = schema.field("__db") == null ? null : (String) value.get("__db");
            return new TableId(db, (String) value.get("__table"));
        }
        String name = schema.name();
        String[] parts = name == null ? new String[0] : name.split("\\.");
        if (parts.length < 3 || !parts[parts.length - 1].equals("Value")) {
            throw new IllegalArgumentException(ENVELOPE_OR_ROW);
        }
        return new TableId(parts[parts.length - 3], parts[parts.length - 2]);
    }

    private static List<Column> columns(Schema rowSchema, Predicate<String> include) {
        if (rowSchema.type() != Schema.Type.STRUCT) {
            throw new IllegalArgumentException(ENVELOPE_OR_ROW);
        }
        List<Column> columns = new ArrayList<>();
        for (Field field : rowSchema.fields()) {
            if (include.test(field.name())) {
                columns.add(column(field));
            }
        }
        return List.copyOf(columns);
    }

    private static Column column(Field field) {
        try {
            return Column.of(field.name(), field.schema());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + field.name() + ": " + e.getMessage(), e);
        }
    }

    private static ChangeEvent event(TableId table, Operation operation, List<Column> columns, Struct key,
            Struct row, long sourceTsMs, KafkaPosition position) {
        KeyShape keyShape = KEYS.of(key.schema());
        Map<String, Object> keyValues = keyValues(key, keyShape, columns);
        Map<String, Object> rowValues = keyValues;
        if (row != null) {
            rowValues = new LinkedHashMap<>(columns.size() * 4 / 3 + 1);
            for (Column column : columns) {
                rowValues.put(column.name(), ValueConverter.convert(column, row.getWithoutDefault(column.name())));
            }
            rowValues = Collections.unmodifiableMap(rowValues);
        }
        return new ChangeEvent(table, operation, columns, keyShape.names(), keyValues, rowValues, sourceTsMs, position);
    }

    /** The key's columns and their names, in key order. */
    private record KeyShape(List<Column> columns, List<String> names) {
        static KeyShape of(Schema keySchema) {
            List<Column> columns = keySchema.fields().stream().map(field -> Column.of(field.name(), field.schema())).toList();
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("key has no fields (the source table needs a primary key)");
            }
            return new KeyShape(columns, columns.stream().map(Column::name).toList());
        }
    }

    private static Map<String, Object> keyValues(Struct key, KeyShape shape, List<Column> columns) {
        Map<String, Object> values = new LinkedHashMap<>(shape.columns().size() * 4 / 3 + 1);
        for (Column keyColumn : shape.columns()) {
            if (!hasColumn(columns, keyColumn.name())) {
                throw new IllegalArgumentException("key field " + keyColumn.name() + " is not a column of the row");
            }
            Object value = ValueConverter.convert(keyColumn, key.getWithoutDefault(keyColumn.name()));
            if (value == null) {
                throw new IllegalArgumentException("key field " + keyColumn.name() + " is null");
            }
            values.put(keyColumn.name(), value);
        }
        return Collections.unmodifiableMap(values);
    }

    private static boolean hasColumn(List<Column> columns, String name) {
        for (Column column : columns) {
            if (column.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
