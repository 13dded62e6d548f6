package io.lagzero.sink.apply;

import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The column definitions last seen per source table and Kafka partition, to tell when a record
 * shows that its table was altered. Only within one partition are changes in binlog order: across
 * partitions a record written before an ALTER may arrive after one written after it. A column the
 * source gained is not reported: schema evolution adds it.
 */
final class SourceShapes {
    private final Map<Stream, Shape> lastSeen = new ConcurrentHashMap<>();

    /** One table's changes in one partition. */
    private record Stream(TableId table, String topic, int partition) {
        static Stream of(ChangeEvent event) {
            return new Stream(event.table(), event.position().topic(), event.position().partition());
        }
    }

    private record Shape(List<Column> columns, List<String> keyColumns) {
    }

    /** How this event's table differs from the last event of that table seen in its partition; empty when it does not. */
    List<String> changes(ChangeEvent event) {
        Shape previous = lastSeen.get(Stream.of(event));
        if (previous == null || previous.columns().equals(event.columns())
                && previous.keyColumns().equals(event.keyColumns())) {
            return List.of();
        }
        List<String> changes = new ArrayList<>();
        if (!previous.keyColumns().equals(event.keyColumns())) {
            changes.add("primary key (" + String.join(", ", previous.keyColumns()) + ") became ("
                    + String.join(", ", event.keyColumns()) + ")");
        }
        for (Column before : previous.columns()) {
            Column after = event.columns().stream().filter(c -> c.name().equals(before.name())).findFirst().orElse(null);
            if (after == null) {
                changes.add("column " + before.name() + " was dropped or renamed");
            } else if (!describe(before).equals(describe(after))) {
                changes.add("column " + before.name() + " " + describe(before) + " became " + describe(after));
            }
        }
        return changes;
    }

    void remember(ChangeEvent event) {
        lastSeen.put(Stream.of(event), new Shape(event.columns(), event.keyColumns()));
    }

    /** The partition went to another consumer; what it sees there is no longer ours to compare. */
    void forget(String topic, int partition) {
        lastSeen.keySet().removeIf(stream -> stream.topic().equals(topic) && stream.partition() == partition);
    }

    /** The source type with length and scale when propagated, else the record type; plus nullability. */
    static String describe(Column column) {
        String type = column.sourceType();
        if (type == null) {
            type = column.schema().type() + (column.schema().name() == null ? "" : " " + column.schema().name());
        } else if (column.length() != null) {
            type += "(" + column.length() + (column.scale() == null ? "" : "," + column.scale()) + ")";
        }
        String target = column.parameter(Column.TARGET_TYPE);
        return type + (column.optional() ? "" : " NOT NULL") + (target == null ? "" : " as " + target);
    }
}
