package io.lagzero.sink.apply;

import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The column definitions last seen per source table, to tell when a record shows that its table
 * was altered. Records of one table arrive in binlog order only within a Kafka partition: across
 * partitions a record written before an ALTER may come after one written after it. So each shape
 * is kept with the earliest binlog position it was seen at, and a record with another shape counts
 * as a DDL only if it was written later. A column the source gained is not reported: schema
 * evolution adds it.
 */
final class SourceShapes {
    private final Map<TableId, Known> lastSeen = new ConcurrentHashMap<>();

    private record Shape(List<Column> columns, List<String> keyColumns) {
        static Shape of(ChangeEvent event) {
            return new Shape(event.columns(), event.keyColumns());
        }
    }

    /** A shape, and the earliest source position it was seen at (null: unknown, as for flattened rows). */
    private record Known(Shape shape, SourcePosition since) {
    }

    /**
     * How this event's table differs from the shape last seen; empty when it does not, or when the
     * event was written before that shape existed.
     */
    List<String> changes(ChangeEvent event, SourcePosition position) {
        Known known = lastSeen.get(event.table());
        if (known == null || known.shape().equals(Shape.of(event)) || writtenBefore(position, known.since())) {
            return List.of();
        }
        Shape previous = known.shape();
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

    private static boolean writtenBefore(SourcePosition position, SourcePosition since) {
        return position != null && since != null && position.compareTo(since) < 0;
    }

    /** Takes the event's shape as the table's current one, unless the event is older than the current one. */
    void remember(ChangeEvent event, SourcePosition position) {
        lastSeen.compute(event.table(), (table, known) -> {
            Shape shape = Shape.of(event);
            if (known == null || !known.shape().equals(shape)) {
                return known != null && writtenBefore(position, known.since()) ? known : new Known(shape, position);
            }
            return writtenBefore(position, known.since()) ? new Known(shape, position) : known;
        });
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
