package io.lagzero.sink.apply;

import io.lagzero.sink.batch.TableChanges;
import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.Column;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one table's net changes with multi-row statements: deletes first, then upserts grouped by
 * column list (a batch may span a source schema change), each statement under the row and
 * parameter limits.
 *
 * <p>Statements come in few sizes: as many full ones as fit, then the rest in powers of two. So a
 * table needs a dozen distinct statements, which the driver prepares on the server once per
 * connection and reuses, instead of a new statement text, parsed anew, for every batch size. A
 * full statement is at most as long as the driver caches ({@link Dialect#maxCachedStatementLength}).
 */
final class TableWriter {
    private static final int MAX_STATEMENTS = 1_000;

    private final Dialect dialect;
    private final int maxBatchRows;
    private final TargetNames names;
    private final Map<Statement, String> sql = leastRecentlyUsed();
    private final Map<Statement, Integer> fullSizes = leastRecentlyUsed();

    /** What a statement's text depends on; {@code columns} are the key columns of a delete. */
    private record Statement(String table, List<String> columns, List<String> keyColumns, int rows, boolean delete) {
        Statement withRows(int rows) {
            return new Statement(table, columns, keyColumns, rows, delete);
        }
    }

    TableWriter(Dialect dialect, int maxBatchRows, TargetNames names) {
        this.dialect = dialect;
        this.maxBatchRows = maxBatchRows;
        this.names = names;
    }

    /** Synchronized: the backfill's workers share the writer (a lookup per statement, not per row). */
    private static <K, V> Map<K, V> leastRecentlyUsed() {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MAX_STATEMENTS;
            }
        });
    }

    TableCounts write(Connection connection, TableChanges changes) throws SQLException {
        String table = names.of(changes);
        List<String> keyNames = changes.keyColumns();
        if (!changes.deletes().isEmpty()) {
            List<Column> keyColumns = changes.latest().keyColumnDefinitions();
            List<Map<String, Object>> keys = changes.deletes().stream().map(ChangeEvent::key).toList();
            write(connection, new Statement(table, keyNames, keyNames, 0, true), keyColumns, keys);
        }
        for (List<ChangeEvent> group : byColumns(changes.upserts())) {
            ChangeEvent first = group.get(0);
            List<Map<String, Object>> rows = group.stream().map(ChangeEvent::row).toList();
            write(connection, new Statement(table, first.columnNames(), keyNames, 0, false), first.columns(), rows);
        }
        return new TableCounts(changes.upserts().size(), changes.deletes().size());
    }

    private void write(Connection connection, Statement shape, List<Column> columns, List<Map<String, Object>> rows)
            throws SQLException {
        int from = 0;
        for (int size : statementSizes(rows.size(), fullSize(shape, columns))) {
            execute(connection, sql(shape.withRows(size), columns), columns, rows.subList(from, from + size));
            from += size;
        }
    }

    /** The most rows a statement of this shape carries: within the limits, and short enough to stay cached. */
    private int fullSize(Statement shape, List<Column> columns) {
        return fullSizes.computeIfAbsent(shape, s -> {
            int size = Math.max(1, Math.min(maxBatchRows, dialect.maxParameters() / Math.max(1, columns.size())));
            while (size > 1 && text(s.withRows(size), columns).length() > dialect.maxCachedStatementLength()) {
                size = Integer.highestOneBit(size - 1);
            }
            return size;
        });
    }

    private String sql(Statement statement, List<Column> columns) {
        return sql.computeIfAbsent(statement, s -> text(s, columns));
    }

    private String text(Statement statement, List<Column> columns) {
        return statement.delete()
                ? dialect.delete(statement.table(), statement.keyColumns(), statement.rows())
                : dialect.upsert(statement.table(), columns, statement.keyColumns(), statement.rows());
    }

    /** Upserts grouped by column names, in batch order; events of one schema share their column list. */
    private static Iterable<List<ChangeEvent>> byColumns(List<ChangeEvent> upserts) {
        Map<List<String>, List<ChangeEvent>> groups = new LinkedHashMap<>();
        List<Column> lastColumns = null;
        List<ChangeEvent> lastGroup = null;
        for (ChangeEvent event : upserts) {
            if (event.columns() != lastColumns) {
                lastColumns = event.columns();
                lastGroup = groups.computeIfAbsent(event.columnNames(), c -> new ArrayList<>());
            }
            lastGroup.add(event);
        }
        return groups.values();
    }

    /** Rows per statement: {@code full} while that many are left, then the rest in falling powers of two. */
    static List<Integer> statementSizes(int rows, int full) {
        List<Integer> sizes = new ArrayList<>();
        for (int left = rows; left > 0; ) {
            int size = left >= full ? full : Integer.highestOneBit(left);
            sizes.add(size);
            left -= size;
        }
        return sizes;
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
