package io.lagzero.e2e;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sandbox.db.PostgresServer;
import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.dialect.Dialects;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A target database for end-to-end tests: one database on a real MariaDB or PostgreSQL server. */
public record Target(DatabaseServer server, String database) implements AutoCloseable {

    public static Target mariaDb(String database) {
        return on(MariaDbServer.startTarget("e2e-target-mariadb"), database);
    }

    public static Target postgres(String database) {
        return on(PostgresServer.start("e2e-target-postgres"), database);
    }

    private static Target on(DatabaseServer server, String database) {
        server.createDatabase(database);
        return new Target(server, database);
    }

    public String url() {
        return server.url(database);
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    public Dialect dialect() {
        return Dialects.forUrl(url());
    }

    public boolean postgres() {
        return server instanceof PostgresServer;
    }

    /** Where the sink puts the tables of target database {@code db}: the database, or PostgreSQL's public schema. */
    public String qualifier(String db) {
        return postgres() ? "public" : db;
    }

    public String qualifier() {
        return qualifier(database);
    }

    public Connection connect() throws SQLException {
        return server.connect(database);
    }

    public String table(String name) {
        return dialect().qualified(qualifier(), name);
    }

    /**
     * The table's non-unique indexes (the sink builds the source's secondary indexes as plain ones)
     * by name, PostgreSQL's without the table prefix, each with its columns in order.
     */
    public Map<String, List<String>> plainIndexes(String table) throws SQLException {
        Map<String, List<String>> indexes = new TreeMap<>();
        try (Connection c = connect();
                ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), qualifier(), table, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name != null && rs.getBoolean("NON_UNIQUE")) {
                    indexes.computeIfAbsent(name.replaceFirst("^" + table + "_", ""), n -> new ArrayList<>())
                            .add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return indexes;
    }

    /** The table's columns that number rows inserted without a value (AUTO_INCREMENT, identity). */
    public List<String> autoIncrementColumns(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = connect(); ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), qualifier(), table, null)) {
            while (rs.next()) {
                if ("YES".equals(rs.getString("IS_AUTOINCREMENT"))) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return columns;
    }

    @Override
    public void close() {
        server.close();
    }
}
