package io.lagzero.sink.batch;

import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.Operation;
import io.lagzero.sink.event.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collapses a batch to the last change of each key, per table. The result is the state the target
 * must reach: a delete then an insert of one key is an upsert, an insert then a delete is a delete,
 * and a primary-key change (delete of the old key, create of the new one) keeps both.
 */
public final class ChangeReducer {
    private ChangeReducer() {
    }

    /** Tables in the order they first appear in the batch. */
    public static List<TableChanges> reduce(List<ChangeEvent> events) {
        Map<TableId, Map<RowKey, ChangeEvent>> byTable = new LinkedHashMap<>();
        for (ChangeEvent event : events) {
            Map<RowKey, ChangeEvent> lastByKey = byTable.computeIfAbsent(event.table(), t -> new LinkedHashMap<>());
            RowKey key = RowKey.of(event);
            lastByKey.remove(key);
            lastByKey.put(key, event);
        }
        List<TableChanges> tables = new ArrayList<>(byTable.size());
        byTable.forEach((table, lastByKey) -> tables.add(split(table, lastByKey.values())));
        return tables;
    }

    private static TableChanges split(TableId table, Iterable<ChangeEvent> events) {
        List<ChangeEvent> deletes = new ArrayList<>();
        List<ChangeEvent> upserts = new ArrayList<>();
        ChangeEvent latest = null;
        for (ChangeEvent event : events) {
            (event.operation() == Operation.DELETE ? deletes : upserts).add(event);
            latest = event;
        }
        return new TableChanges(table, List.copyOf(deletes), List.copyOf(upserts), latest);
    }
}
