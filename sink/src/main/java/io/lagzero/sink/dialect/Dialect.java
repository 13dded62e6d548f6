package io.lagzero.sink.dialect;

import io.lagzero.sink.event.Column;
import io.lagzero.sink.source.SecondaryIndex;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between target databases: identifier quoting, DDL types, upsert and delete text and
 * value binding. Implementations are found with {@link java.util.ServiceLoader}; see {@link Dialects}.
 */
public interface Dialect {
    String name();

    /** True when this dialect handles the JDBC URL (by its prefix). */
    boolean accepts(String jdbcUrl);

    /** Throws {@link IllegalArgumentException} naming {@code jdbcUrl} and the fix when the URL cannot work. */
    void checkUrl(String jdbcUrl);

    /** A statement to run on every new connection, or null. */
    String connectionInitSql();

    /** The most bind parameters one statement may carry. */
    int maxParameters();

    /** The identifier quoted, case preserved. */
    String quote(String identifier);

    /**
     * {@code CREATE TABLE IF NOT EXISTS}, columns in source order, primary key from the key columns.
     *
     * @param autoIncrementColumn the column new rows take their id from when none is given; null for none
     */
    String createTable(String table, List<Column> columns, List<String> keyColumns, String autoIncrementColumn);

    /** Adds a nullable column to an existing table (rows already there get NULL). */
    String addColumn(String table, Column column);

    /** An insert of {@code rows} rows that updates every non-key column of rows whose key exists. */
    String upsert(String table, List<Column> columns, List<String> keyColumns, int rows);

    /** A delete of {@code rows} keys. */
    String delete(String table, List<String> keyColumns, int rows);

    /** Binds a converted value (null binds SQL NULL of the column's type). */
    void bind(PreparedStatement statement, int index, Column column, Object value) throws SQLException;

    /**
     * A statement that creates a plain (never UNIQUE) index on the table's columns unless it exists,
     * written so the table stays writable meanwhile; it runs with auto-commit on.
     */
    String createIndex(String table, String indexName, List<SecondaryIndex.Part> parts);

    /**
     * The longest statement text the JDBC driver keeps prepared on the server; a longer one is
     * prepared anew on every execution.
     */
    default int maxCachedStatementLength() {
        return Integer.MAX_VALUE;
    }

    /** JDBC driver properties every target connection gets. */
    default Map<String, String> driverProperties() {
        return Map.of();
    }

    /** Whether text and JSON columns can hold a NUL character (U+0000). */
    default boolean storesNulInText() {
        return true;
    }

    // Reading tables to compare them (lagzero verify and cutover); a MySQL/MariaDB source is read
    // with the MariaDB dialect.

    /** {@code qualifier.table}, both quoted. */
    default String qualified(String qualifier, String table) {
        return quote(qualifier) + "." + quote(table);
    }

    /**
     * The database (MariaDB) or schema (PostgreSQL) that the connection's unqualified table names
     * resolve to: where the sink creates its tables.
     */
    String currentQualifier(Connection connection) throws SQLException;

    /** A statement that makes the session read and write times in UTC. */
    String utcSessionSql();

    /** Makes the connection stream large results in fetch-size steps instead of buffering them whole. */
    default void streamResults(Connection connection) throws SQLException {
    }

    /** An ORDER BY term that orders a text column by its bytes (a binary collation). */
    String byteOrder(String quotedColumn);

    /**
     * Whether a parameter compared with a column must have the column's type: PostgreSQL compares
     * no bigint column with a text parameter (cast it), where MariaDB converts one to the other.
     */
    default boolean strictParameterTypes() {
        return false;
    }

    /** A select expression that reads a DATETIME as stored, never shifted by the driver's time zone. */
    default String exactDateTime(String quotedColumn) {
        return quotedColumn;
    }

    /** A select expression that reads a TIME (a MySQL TIME or its interval) as text or as microseconds. */
    String exactTime(String quotedColumn);

    /** A select expression that reads a BIT value as binary digits. */
    String bitDigits(String quotedColumn);

    // Id counters (MariaDB AUTO_INCREMENT, PostgreSQL identity or sequence), moved past the source's
    // at cutover.

    /**
     * The column's id counter (PostgreSQL: its sequence; MariaDB: {@code auto_increment}), empty when
     * rows inserted without an id get none from it.
     */
    Optional<String> idCounter(Connection connection, String qualifier, String table, String column)
            throws SQLException;

    /**
     * Gives a column without an id counter one, if this target can do so without rewriting the
     * table; false when it cannot.
     */
    boolean addIdCounter(Connection connection, String qualifier, String table, String column) throws SQLException;

    /** Moves the column's counter so the next id is at least {@code next} and above every id in the table. */
    void advanceIdCounter(Connection connection, String qualifier, String table, String column, long next)
            throws SQLException;
}
