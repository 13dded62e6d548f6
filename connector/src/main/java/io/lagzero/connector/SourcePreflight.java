package io.lagzero.connector;

import io.lagzero.sink.event.TableId;
import io.lagzero.sink.source.TableSelector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Checks, before Debezium starts, everything that would otherwise fail later with a stack trace:
 * credentials, reachability, binlog settings, the selected tables and their primary keys.
 */
public final class SourcePreflight {
    private static final String BINLOG_FIX = "Fix: start the source with log_bin=ON, binlog_format=ROW and "
            + "binlog_row_image=FULL (in the [mysqld] section of its config) and restart it.";

    private SourcePreflight() {
    }

    public static SourceDatabase check(String url, String user, String password, TableSelector selected) {
        JdbcEndpoint.parseSource(url);
        try (Connection c = JdbcConnections.open("source", url, user, password);
                Statement s = c.createStatement()) {
            String version = single(s, "SELECT VERSION()");
            requireVariable(s, "log_bin", "1", "Binary logging is off on the source (log_bin=OFF), so there is no binlog to stream. ");
            requireVariable(s, "binlog_format", "ROW", "The source writes its binlog in @@binlog_format=%s format; lagzero needs ROW. ");
            requireVariable(s, "binlog_row_image", "FULL", "The source logs @@binlog_row_image=%s rows; lagzero needs FULL. ");
            requireGrants(s, user);
            List<TableId> tables = selectedTables(c, selected);
            requirePrimaryKeys(c, tables);
            return new SourceDatabase(SourceFlavor.ofVersion(version), version, tables);
        } catch (SQLException e) {
            throw new SetupException("Checking the source at " + JdbcEndpoint.parse("--source", url).hostAndPort()
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static void requireVariable(Statement s, String name, String expected, String problem) throws SQLException {
        String actual = single(s, "SELECT @@" + name);
        if (!expected.equalsIgnoreCase(actual)) {
            throw new SetupException(String.format(problem, actual) + BINLOG_FIX);
        }
    }

    /** Debezium's binlog reader needs these on *.*; each entry lists the names that satisfy it. */
    private static final List<List<String>> REQUIRED_GRANTS = List.of(
            List.of("SELECT"), List.of("RELOAD"), List.of("SHOW DATABASES"),
            List.of("REPLICATION SLAVE", "REPLICATION REPLICA"),
            List.of("REPLICATION CLIENT", "BINLOG MONITOR", "SLAVE MONITOR", "REPLICA MONITOR"));

    private static void requireGrants(Statement s, String user) throws SQLException {
        StringBuilder global = new StringBuilder();
        try (ResultSet rs = s.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
            while (rs.next()) {
                String grant = rs.getString(1).toUpperCase(Locale.ROOT);
                if (!grant.contains(" ON ")) {
                    return; // a role is granted: its privileges are not listed here, so do not guess
                }
                if (grant.contains(" ON *.* ")) {
                    global.append(grant);
                }
            }
        }
        if (global.indexOf("ALL PRIVILEGES") >= 0) {
            return;
        }
        List<String> missing = REQUIRED_GRANTS.stream()
                .filter(names -> names.stream().noneMatch(name -> global.indexOf(name) >= 0))
                .map(names -> names.get(0)).toList();
        if (!missing.isEmpty()) {
            throw new SetupException("The source user '" + user + "' lacks " + String.join(", ", missing)
                    + " on *.*, which Debezium needs to snapshot and read the binlog. Fix: GRANT SELECT, RELOAD, "
                    + "SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'@'%' "
                    + "(REPLICATION CLIENT is named BINLOG MONITOR on MariaDB 10.5+; either name works).");
        }
    }

    /**
     * The base tables the selector matches, in name order, without lagzero's own ({@link OwnTables});
     * none is a {@link SetupException}.
     */
    public static List<TableId> selectedTables(Connection c, TableSelector selector) throws SQLException {
        List<TableId> tables = selector.select(c);
        if (tables.isEmpty()) {
            throw new SetupException("No table on the source matches --tables " + String.join(",", selector.patterns())
                    + ". Fix: check the database and table names (the user must be able to see them).");
        }
        return tables;
    }

    /**
     * From {@code information_schema.STATISTICS}, which shows a table's indexes to anyone who may
     * SELECT it; MariaDB 10.x hides {@code TABLE_CONSTRAINTS} rows from such a user.
     */
    private static void requirePrimaryKeys(Connection c, List<TableId> tables) throws SQLException {
        String sql = "SELECT COUNT(*) FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY'";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (TableId table : tables) {
                ps.setString(1, table.database());
                ps.setString(2, table.table());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        throw new SetupException("Table " + table + " has no primary key, so its changes cannot be applied "
                                + "idempotently. Fix: add one (ALTER TABLE " + table + " ADD PRIMARY KEY (...)) or leave "
                                + "the table out of --tables.");
                    }
                }
            }
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
