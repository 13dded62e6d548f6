package io.lagzero.sink.apply;

import io.lagzero.sink.batch.TableChanges;
import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.Column;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one table's net changes with multi-row statements: deletes first, then upserts grouped by
 * column list (a batch may span a source schema change), each statement under the row and
 * parameter limits.
 */
final class TableWriter {
    private final Dialect dialect;
    private final int maxBatchRows;
    private final TargetNames names;

    TableWriter(Dialect dialect, int maxBatchRows, TargetNames names) {
        this.dialect = dialect;
        this.maxBatchRows = maxBatchRows;
        this.names = names;
    }

    TableCounts write(Connection connection, TableChanges changes) throws SQLException {
        String table = names.of(changes);
        List<String> keyNames = changes.keyColumns();
        if (!changes.deletes().isEmpty()) {
            List<Column> keyColumns = changes.latest().keyColumnDefinitions();
            List<Map<String, Object>> keys = changes.deletes().stream().map(ChangeEvent::key).toList();
            for (List<Map<String, Object>> chunk : chunks(keys, keyColumns.size())) {
                execute(connection, dialect.delete(table, keyNames, chunk.size()), keyColumns, chunk);
            }
        }
        for (List<ChangeEvent> group : byColumns(changes.upserts())) {
            List<Column> columns = group.get(0).columns();
            List<Map<String, Object>> rows = group.stream().map(ChangeEvent::row).toList();
            for (List<Map<String, Object>> chunk : chunks(rows, columns.size())) {
                execute(connection, dialect.upsert(table, columns, keyNames, chunk.size()), columns, chunk);
            }
        }
        return new TableCounts(changes.upserts().size(), changes.deletes().size());
    }

    private static Iterable<List<ChangeEvent>> byColumns(List<ChangeEvent> upserts) {
        Map<List<String>, List<ChangeEvent>> groups = new LinkedHashMap<>();
        for (ChangeEvent event : upserts) {
            groups.computeIfAbsent(event.columnNames(), c -> new ArrayList<>()).add(event);
        }
        return groups.values();
    }

    private <T> List<List<T>> chunks(List<T> rows, int width) {
        int size = Math.max(1, Math.min(maxBatchRows, dialect.maxParameters() / Math.max(1, width)));
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += size) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + size)));
        }
        return chunks;
    }

    private void execute(Connection connection, String sql, List<Column> columns, List<Map<String, Object>> rows)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Map<String, Object> row : rows) {
                for (Column column : columns) {
                    dialect.bind(statement, index++, column, row.get(column.name()));
                }
            }
            statement.executeUpdate();
        }
    }
}
