package io.lagzero.sink.source;

import io.lagzero.sink.event.TableId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the change records do not say about a MySQL/MariaDB source table, read from its
 * {@code information_schema}: its secondary indexes, its AUTO_INCREMENT column and its column types.
 */
public final class SourceCatalog {
    private static final String INDEXES = "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE "
            + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME <> 'PRIMARY' "
            + "ORDER BY INDEX_NAME, SEQ_IN_INDEX";

    private final String jdbcUrl;
    private final String user;
    private final String password;

    private static final String AUTO_INCREMENT = "SELECT COLUMN_NAME FROM information_schema.COLUMNS "
            + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND EXTRA LIKE '%auto_increment%'";

    private static final String COLUMN_TYPES = "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS "
            + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";

    public SourceCatalog(String jdbcUrl, String user, String password) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = Objects.requireNonNull(user, "user");
        this.password = password == null ? "" : password;
    }

    /**
     * The table's secondary indexes. Full-text and spatial indexes and indexes on expressions are
     * left out: they have no portable target form.
     */
    public List<SecondaryIndex> secondaryIndexes(TableId table) throws SQLException {
        Map<String, List<SecondaryIndex.Part>> parts = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        List<String> unportable = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(INDEXES)) {
            statement.setString(1, table.database());
            statement.setString(2, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    String column = rs.getString("COLUMN_NAME");
                    String type = rs.getString("INDEX_TYPE");
                    if (column == null || "FULLTEXT".equals(type) || "SPATIAL".equals(type)) {
                        unportable.add(name);
                    }
                    int prefix = rs.getInt("SUB_PART");
                    parts.computeIfAbsent(name, n -> new ArrayList<>())
                            .add(new SecondaryIndex.Part(column, rs.wasNull() ? null : prefix));
                    unique.put(name, rs.getInt("NON_UNIQUE") == 0);
                }
            }
        }
        List<SecondaryIndex> indexes = new ArrayList<>();
        parts.forEach((name, columns) -> {
            if (!unportable.contains(name)) {
                indexes.add(new SecondaryIndex(name, unique.get(name), columns));
            }
        });
        return indexes;
    }

    /** The table's AUTO_INCREMENT column (MySQL allows one); empty when it has none. */
    public Optional<String> autoIncrementColumn(TableId table) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(AUTO_INCREMENT)) {
            statement.setString(1, table.database());
            statement.setString(2, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The table's columns in order, each with its {@code DATA_TYPE} ({@code int}, {@code varchar}, ...). */
    public Map<String, String> columnTypes(TableId table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(COLUMN_TYPES)) {
            statement.setString(1, table.database());
            statement.setString(2, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }

    /** A new connection to the source. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    @Override
    public String toString() {
        return "source " + jdbcUrl.replaceFirst("\\?.*", "") + " as " + user;
    }
}
