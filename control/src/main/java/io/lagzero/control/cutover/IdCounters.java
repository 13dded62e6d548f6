package io.lagzero.control.cutover;

import io.lagzero.control.cli.UserError;
import io.lagzero.connector.TableId;
import io.lagzero.control.verify.SqlFlavor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    static void prepare(Connection target, SqlFlavor flavor, String qualifier, List<Counter> counters) throws SQLException {
        for (Counter counter : counters) {
            String table = flavor.qualified(qualifier, counter.table().table());
            if (sequenceOf(target, flavor, qualifier, counter).isPresent()) {
                continue;
            }
            if (flavor == SqlFlavor.POSTGRES) {
                addSequence(target, flavor, qualifier, counter);
                continue;
            }
            throw new UserError("Target table " + table + " has no AUTO_INCREMENT on " + counter.column()
                    + ", so the application could not insert rows there after the switchover. Fix: ALTER TABLE "
                    + table + " MODIFY " + counter.column() + " <type> NOT NULL AUTO_INCREMENT before the cutover (it "
                    + "copies the table), or let the sink create the table with a source connection");
        }
    }

    /**
     * A sequence owned by the column as its default, like {@code serial}: unlike an identity it also
     * fits the numeric(20,0) of a BIGINT UNSIGNED source column. Quick: no table rewrite.
     */
    private static void addSequence(Connection target, SqlFlavor flavor, String qualifier, Counter counter)
            throws SQLException {
        String name = counter.table().table() + "_" + counter.column() + "_seq";
        String sequence = flavor.qualified(qualifier, name.length() > 63 ? name.substring(0, 63) : name);
        String column = flavor.quote(counter.column());
        String table = flavor.qualified(qualifier, counter.table().table());
        try (Statement s = target.createStatement()) {
            s.execute("CREATE SEQUENCE IF NOT EXISTS " + sequence + " OWNED BY " + table + "." + column);
            s.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DEFAULT nextval('"
                    + sequence.replace("'", "''") + "')");
        }
    }

    /** Sets every target counter to at least the source's next value. */
    static void advance(Connection target, SqlFlavor flavor, String qualifier, List<Counter> counters) throws SQLException {
        for (Counter counter : counters) {
            String table = flavor.qualified(qualifier, counter.table().table());
            try (Statement s = target.createStatement()) {
                if (flavor == SqlFlavor.POSTGRES) {
                    String sequence = sequenceOf(target, flavor, qualifier, counter).orElseThrow();
                    s.execute("SELECT setval('" + sequence.replace("'", "''") + "', GREATEST(" + counter.next()
                            + ", (SELECT COALESCE(MAX(" + flavor.quote(counter.column()) + "), 0) + 1 FROM " + table
                            + "))::bigint, false)");
                } else {
                    s.execute("ALTER TABLE " + table + " AUTO_INCREMENT = " + counter.next());
                }
            }
        }
    }

    /** The column's sequence (PostgreSQL) or "auto_increment" (MariaDB), empty when it has none. */
    private static Optional<String> sequenceOf(Connection target, SqlFlavor flavor, String qualifier, Counter counter)
            throws SQLException {
        String sql = flavor == SqlFlavor.POSTGRES
                ? "SELECT pg_get_serial_sequence(?, ?)"
                : "SELECT CASE WHEN EXTRA LIKE '%auto_increment%' THEN 'auto_increment' END FROM information_schema.COLUMNS "
                        + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?";
        try (PreparedStatement ps = target.prepareStatement(sql)) {
            if (flavor == SqlFlavor.POSTGRES) {
                ps.setString(1, flavor.qualified(qualifier, counter.table().table()));
                ps.setString(2, counter.column());
            } else {
                ps.setString(1, qualifier);
                ps.setString(2, counter.table().table());
                ps.setString(3, counter.column());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
