package io.lagzero.sink.index;

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

/**
 * Reads a MySQL/MariaDB source table's secondary indexes from {@code information_schema}.
 * Full-text and spatial indexes and indexes on expressions are left out: they have no portable
 * target form.
 */
public final class SourceIndexReader {
    private static final String QUERY = "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE "
            + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME <> 'PRIMARY' "
            + "ORDER BY INDEX_NAME, SEQ_IN_INDEX";

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public SourceIndexReader(String jdbcUrl, String user, String password) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = Objects.requireNonNull(user, "user");
        this.password = password == null ? "" : password;
    }

    public List<SecondaryIndex> read(TableId table) throws SQLException {
        Map<String, List<SecondaryIndex.Part>> parts = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        List<String> unportable = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement statement = connection.prepareStatement(QUERY)) {
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

    @Override
    public String toString() {
        return "source " + jdbcUrl.replaceFirst("\\?.*", "") + " as " + user;
    }
}
