package io.lagzero.sink.event;

import java.util.List;
import java.util.Map;

/**
 * One decoded row change.
 *
 * @param table the source table
 * @param operation upsert or delete
 * @param columns every column of the row, in source order, from the row schema
 * @param keyColumns the primary-key column names, in key order
 * @param key the primary-key values, converted like row values
 * @param row column name to value ready for JDBC binding: {@code after} for an upsert,
 *     {@code before} (or just the key) for a delete; values may be null
 * @param sourceTsMs when the change was committed in the source ({@code source.ts_ms}); 0 if unknown
 * @param position the Kafka record it came from
 */
public record ChangeEvent(
        TableId table,
        Operation operation,
        List<Column> columns,
        List<String> keyColumns,
        Map<String, Object> key,
        Map<String, Object> row,
        long sourceTsMs,
        KafkaPosition position) {

    public List<Column> keyColumnDefinitions() {
        return keyColumns.stream()
                .map(name -> columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow())
                .toList();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
