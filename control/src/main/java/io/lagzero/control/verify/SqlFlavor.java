package io.lagzero.control.verify;

import io.lagzero.connector.JdbcEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** How to name and order things on one side of a comparison. */
public enum SqlFlavor {
    MARIADB('`'),
    POSTGRES('"');

    private final char quote;

    SqlFlavor(char quote) {
        this.quote = quote;
    }

    public static SqlFlavor of(String jdbcUrl) {
        return JdbcEndpoint.parse("url", jdbcUrl).scheme().equals("postgresql") ? POSTGRES : MARIADB;
    }

    public String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    public String quote(String identifier) {
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }

    /**
     * How to select a column so both sides read the same canonical value: MariaDB DATETIMEs and
     * TIMEs as the server's text (its driver shifts DATETIMEs in a daylight-saving gap of the
     * JVM's zone), PostgreSQL intervals as microseconds, BITs as binary digits on both sides.
     */
    String selectExpression(String column, ColumnKind kind) {
        String q = quote(column);
        String expression = switch (kind) {
            case DATETIME -> this == MARIADB ? "CAST(" + q + " AS CHAR)" : q;
            case TIME -> this == MARIADB ? "CAST(" + q + " AS CHAR)" : "CAST(EXTRACT(EPOCH FROM " + q + ") * 1000000 AS BIGINT)";
            case BIT -> this == MARIADB ? "BIN(" + q + ")" : "CAST(" + q + " AS TEXT)";
            case JSON, OTHER -> q;
        };
        return expression.equals(q) ? q : expression + " AS " + q;
    }

    /** Text keys ordered by their bytes on both sides, as the merge in Java expects. */
    String orderKey(String column, boolean text) {
        if (!text) {
            return quote(column);
        }
        return this == POSTGRES ? quote(column) + " COLLATE \"C\"" : "BINARY " + quote(column);
    }

    /** Reads and binds times in UTC; chunks are small, so results need no streaming. */
    void prepareForChunks(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(this == MARIADB ? "SET time_zone = '+00:00'" : "SET TIME ZONE 'UTC'");
        }
    }

    /** The database (MariaDB) or schema (PostgreSQL) the connection's unqualified tables live in. */
    public String currentQualifier(Connection connection) throws SQLException {
        if (this == MARIADB) {
            return connection.getCatalog();
        }
        try (Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Reads times in UTC and streams large results instead of buffering them. */
    void prepareForScan(Connection connection) throws SQLException {
        if (this == MARIADB) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET time_zone = '+00:00'");
            }
        } else {
            connection.setAutoCommit(false);
        }
    }
}
