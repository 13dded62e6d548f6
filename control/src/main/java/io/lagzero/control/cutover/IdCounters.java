package io.lagzero.control.cutover;

import io.lagzero.control.cli.UserError;
import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.event.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves each target table's id counter (MariaDB/MySQL AUTO_INCREMENT, PostgreSQL identity or
 * serial sequence) past the source's, so rows the application inserts into the target after the
 * switchover get ids the source never handed out.
 */
final class IdCounters {
    private static final String SOURCE_COUNTERS = "SELECT c.TABLE_NAME, c.COLUMN_NAME, t.AUTO_INCREMENT "
            + "FROM information_schema.COLUMNS c JOIN information_schema.TABLES t "
            + "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
            + "WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ? AND c.EXTRA LIKE '%auto_increment%'";

    /** A source table's auto-increment column and the next value it would hand out. */
    record Counter(TableId table, String column, long next) {
    }

    private IdCounters() {
    }

    /** The counters of the tables that have one. */
    static List<Counter> read(Connection source, List<TableId> tables) throws SQLException {
        List<Counter> counters = new ArrayList<>();
        try (PreparedStatement ps = source.prepareStatement(SOURCE_COUNTERS)) {
            for (TableId table : tables) {
                ps.setString(1, table.database());
                ps.setString(2, table.table());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long next = rs.getLong(3);
                        counters.add(new Counter(table, rs.getString(2), rs.wasNull() ? 1 : next));
                    }
                }
            }
        }
        return counters;
    }

    /**
     * Checks every counter can be moved in the target: the column numbers new rows there. A
     * PostgreSQL column without one gets an owned sequence as its default now (a quick catalog change).
     */
    static void prepare(Connection target, String qualifier, List<Counter> counters) throws SQLException {
        Dialect dialect = Dialects.of(target);
        for (Counter counter : counters) {
            String table = counter.table().table();
            if (dialect.idCounter(target, qualifier, table, counter.column()).isPresent()
                    || dialect.addIdCounter(target, qualifier, table, counter.column())) {
                continue;
            }
            String qualified = dialect.qualified(qualifier, table);
            throw new UserError("Target table " + qualified + " has no AUTO_INCREMENT on " + counter.column()
                    + ", so the application could not insert rows there after the switchover. Fix: ALTER TABLE "
                    + qualified + " MODIFY " + counter.column() + " <type> NOT NULL AUTO_INCREMENT before the cutover (it "
                    + "copies the table), or let the sink create the table with a source connection");
        }
    }

    /** Sets every target counter to at least the source's next value. */
    static void advance(Connection target, String qualifier, List<Counter> counters) throws SQLException {
        Dialect dialect = Dialects.of(target);
        for (Counter counter : counters) {
            dialect.advanceIdCounter(target, qualifier, counter.table().table(), counter.column(), counter.next());
        }
    }
}
