package io.lagzero.sink.backfill;

import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.KafkaPosition;
import io.lagzero.sink.event.Operation;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a segment's next chunk from the source with a shared locking read ({@code LOCK IN SHARE
 * MODE NOWAIT} on MariaDB, {@code FOR SHARE NOWAIT} on MySQL 8, both needing only SELECT): the rows
 * stay locked, so no change to them can commit on the source, until the caller ends the source
 * transaction, which it does only after the chunk committed in the target. {@code NOWAIT}: when an
 * application transaction holds one of the rows, the read fails at once instead of waiting, so
 * the backfill never waits for an application lock and never takes part in a deadlock.
 */
final class ChunkReader {
    /** The rows in key order, and the key of the last one; an empty chunk has a null cursor. */
    record Chunk(List<ChangeEvent> rows, String cursor) {
    }

    private final SourceTable table;
    private final List<Column> keyColumns;
    private final int[] keyIndexes;
    private final String select;
    private final String order;
    private final KafkaPosition position;

    ChunkReader(SourceTable table) {
        this.table = table;
        this.keyColumns = table.keyColumnDefinitions();
        this.keyIndexes = keyColumns.stream().mapToInt(key -> table.columns().indexOf(key) + 1).toArray();
        this.select = "SELECT " + table.columns().stream().map(ChunkReader::selected).collect(Collectors.joining(", "))
                + " FROM " + quote(table.id().database()) + "." + quote(table.id().table());
        this.order = " ORDER BY " + table.keyColumns().stream().map(ChunkReader::quote).collect(Collectors.joining(", "));
        this.position = new KafkaPosition(null, -1, -1);
    }

    /** Makes a connection read the way the backfill needs: times in UTC, no gap locks, one transaction per chunk. */
    static void prepare(Connection source) throws SQLException {
        source.setAutoCommit(false);
        source.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try (var statement = source.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
        }
    }

    /** The shared-lock clause the source's SQL dialect spells. */
    static String lockClause(Connection source) throws SQLException {
        boolean mariaDb = source.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb");
        return mariaDb ? " LOCK IN SHARE MODE NOWAIT" : " FOR SHARE NOWAIT";
    }

    /** Up to {@code rows} rows after the segment's cursor, locked until the connection's transaction ends. */
    Chunk read(Connection source, String lockClause, Segment segment, int rows) throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        Column first = keyColumns.get(0);
        if (segment.cursor() != null) {
            after(KeyCursor.values(segment.cursor()), conditions, bindings);
        } else if (segment.low() != null) {
            conditions.add(quote(first.name()) + " >= ?");
            bindings.add((s, i) -> s.setBigDecimal(i, new BigDecimal(segment.low())));
        }
        if (segment.high() != null) {
            conditions.add(quote(first.name()) + " < ?");
            bindings.add((s, i) -> s.setBigDecimal(i, new BigDecimal(segment.high())));
        }
        String sql = select + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + order
                + " LIMIT " + rows + lockClause;
        try (PreparedStatement statement = source.prepareStatement(sql)) {
            for (int i = 0; i < bindings.size(); i++) {
                bindings.get(i).bind(statement, i + 1);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return chunk(rs, rows);
            }
        }
    }

    /** {@code (k1 > ?) OR (k1 = ? AND k2 > ?) OR ...}: rows after the cursor in key order, as the range optimizer reads it. */
    private void after(List<String> cursor, List<String> conditions, List<Binding> bindings) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < keyColumns.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j <= i; j++) {
                Column column = keyColumns.get(j);
                String value = cursor.get(j);
                terms.add(quote(column.name()) + (j < i ? " = ?" : " > ?"));
                bindings.add((s, index) -> KeyCursor.bind(s, index, column, value));
            }
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        conditions.add("(" + String.join(" OR ", alternatives) + ")");
    }

    private Chunk chunk(ResultSet rs, int expected) throws SQLException {
        List<ChangeEvent> events = new ArrayList<>(expected);
        List<Column> columns = table.columns();
        List<String> last = null;
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>(columns.size() * 4 / 3 + 1);
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i).name(), SourceValues.read(rs, i + 1, columns.get(i)));
            }
            Map<String, Object> key = new LinkedHashMap<>(keyColumns.size() * 2);
            for (Column column : keyColumns) {
                key.put(column.name(), row.get(column.name()));
            }
            events.add(new ChangeEvent(table.id(), Operation.UPSERT, columns, table.keyColumns(), key, row, 0L, position));
            last = KeyCursor.read(rs, keyColumns, keyIndexes);
        }
        return new Chunk(events, last == null ? null : KeyCursor.encode(last));
    }

    /** A row-less upsert that describes the table, to create its target table from. */
    ChangeEvent shape() {
        return new ChangeEvent(table.id(), Operation.UPSERT, table.columns(), table.keyColumns(), Map.of(), Map.of(), 0L,
                position);
    }

    /**
     * A column as the select list reads it: temporal values as the server's own text (the driver's
     * formatting of a DATETIME drops the leading zeros of its fraction: .001 would read as .1).
     */
    private static String selected(Column column) {
        return switch (column.kind()) {
            case DATE, DATETIME, TIMESTAMP, TIME -> "CAST(" + quote(column.name()) + " AS CHAR)";
            default -> quote(column.name());
        };
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @FunctionalInterface
    private interface Binding {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }
}
