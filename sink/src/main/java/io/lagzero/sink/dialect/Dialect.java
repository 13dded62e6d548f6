package io.lagzero.sink.dialect;

import io.lagzero.sink.event.Column;
import io.lagzero.sink.source.SecondaryIndex;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

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

    /** {@code CREATE TABLE IF NOT EXISTS}, columns in source order, primary key from the key columns. */
    /** @param autoIncrementColumn the column new rows take their id from when none is given; null for none */
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
}
