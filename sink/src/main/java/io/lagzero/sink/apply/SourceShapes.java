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
 * was altered. A column the source gained is not reported: schema evolution adds it.
 */
final class SourceShapes {
    private final Map<TableId, Shape> lastSeen = new ConcurrentHashMap<>();

    private record Shape(List<Column> columns, List<String> keyColumns) {
    }

    /** How this event's table differs from the last event of that table seen; empty when it does not. */
    List<String> changes(ChangeEvent event) {
        Shape previous = lastSeen.get(event.table());
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
        lastSeen.put(event.table(), new Shape(event.columns(), event.keyColumns()));
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
