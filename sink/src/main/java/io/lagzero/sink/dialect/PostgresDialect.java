package io.lagzero.sink.dialect;

import io.lagzero.sink.event.BitString;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.index.SecondaryIndex;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PostgreSQL targets. Tables go to the connection's current schema ({@code public}, or the URL's
 * {@code currentSchema}). JSON, interval and bit values are sent untyped so the server parses them.
 */
public final class PostgresDialect extends SqlDialect {
    private static final int MAX_IDENTIFIER = 63;

    public PostgresDialect() {
        super("\"");
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public void checkUrl(String jdbcUrl) {
        // The driver defaults the database to the user name and the schema to the search_path.
    }

    @Override
    public boolean storesNulInText() {
        return false;
    }

    @Override
    public String connectionInitSql() {
        return null;
    }

    /** Keeps row values ("Failing row contains …") out of error messages, logs and dead-letter headers. */
    @Override
    public Map<String, String> driverProperties() {
        return Map.of("logServerErrorDetail", "false");
    }

    @Override
    public int maxParameters() {
        return 32_767;
    }

    @Override
    protected String columnType(Column column, boolean key) {
        return PostgresTypes.of(column);
    }

    @Override
    protected String upsertClause(List<Column> columns, List<String> keyColumns) {
        List<String> updated = columns.stream().map(Column::name).filter(n -> !keyColumns.contains(n)).toList();
        String conflict = "ON CONFLICT (" + names(keyColumns) + ") DO ";
        if (updated.isEmpty()) {
            return conflict + "NOTHING";
        }
        return conflict + "UPDATE SET " + updated.stream()
                .map(n -> quote(n) + " = EXCLUDED." + quote(n))
                .collect(Collectors.joining(", "));
    }

    @Override
    protected void bindSpecial(PreparedStatement statement, int index, Column column, Object value)
            throws SQLException {
        switch (column.kind()) {
            case TIME -> statement.setObject(index, TimeText.of((Duration) value), Types.OTHER);
            case BITS -> statement.setObject(index, ((BitString) value).toBinaryText(), Types.OTHER);
            case JSON -> statement.setObject(index, value, Types.OTHER);
            default -> statement.setObject(index, value);
        }
    }

    @Override
    protected int nullType(Column column) {
        return switch (column.kind()) {
            case JSON, TIME, BITS -> Types.OTHER;
            case BYTES -> Types.BINARY;
            default -> super.nullType(column);
        };
    }

    /**
     * Index names are per schema in PostgreSQL, so the table name goes in front (cut to 63 bytes).
     * Prefix lengths have no equivalent: the whole value is indexed.
     */
    @Override
    public String createIndex(String table, String indexName, List<SecondaryIndex.Part> parts) {
        String name = table + "_" + indexName;
        name = name.length() > MAX_IDENTIFIER ? name.substring(0, MAX_IDENTIFIER) : name;
        return "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + quote(name) + " ON " + quote(table) + " ("
                + names(parts.stream().map(SecondaryIndex.Part::column).toList()) + ")";
    }
}
