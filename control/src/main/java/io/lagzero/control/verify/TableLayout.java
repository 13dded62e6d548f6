package io.lagzero.control.verify;

import io.lagzero.sink.event.TableId;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.mapping.Conversion;
import io.lagzero.sink.naming.TableNameFormat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What is compared of one table: the source columns the sink writes, each with its target name,
 * conversion and kind, in source order, and the primary key in index order. Excluded columns
 * are not in it; target columns the source does not have are ignored.
 */
record TableLayout(TableId table, String targetQualifier, String targetTable, List<ComparedColumn> columns,
        List<Integer> keyPositions) {

    /** Why a table cannot be compared (missing in the target, a column missing, no primary key). */
    static final class Problem extends Exception {
        Problem(String message) {
            super(message);
        }
    }

    List<ComparedColumn> keyColumns() {
        return keyPositions.stream().map(columns::get).toList();
    }

    static TableLayout read(Connection source, Connection target, String targetQualifier, TableId table,
            ColumnMapping mapping) throws SQLException, Problem {
        String targetTable = TableNameFormat.DEFAULT.resolve(table, null);
        Map<String, String> sourceTypes = columnTypes(source, table.database(), table.table());
        List<String> key = primaryKey(source, table);
        if (sourceTypes.isEmpty() || key.isEmpty()) {
            throw new Problem("the source table has no primary key or no longer exists");
        }
        Map<String, String> targetTypes = new LinkedHashMap<>();
        Map<String, String> targetNames = new LinkedHashMap<>();
        columnTypes(target, targetQualifier, targetTable).forEach((name, type) -> {
            targetTypes.put(name.toLowerCase(Locale.ROOT), type);
            targetNames.put(name.toLowerCase(Locale.ROOT), name);
        });
        if (targetTypes.isEmpty()) {
            throw new Problem("the target table " + targetQualifier + "." + targetTable + " does not exist");
        }
        List<ComparedColumn> columns = new ArrayList<>();
        List<Integer> keyPositions = new ArrayList<>();
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (Map.Entry<String, String> column : sourceTypes.entrySet()) {
            Optional<String> targetName = mapping.targetName(table, column.getKey());
            if (targetName.isEmpty()) {
                continue;
            }
            String targetType = targetTypes.get(targetName.get().toLowerCase(Locale.ROOT));
            if (targetType == null) {
                throw new Problem("column " + column.getKey() + " is missing in the target table "
                        + targetQualifier + "." + targetTable + " (expected as " + targetName.get() + ")");
            }
            Conversion conversion = mapping.conversion(table, column.getKey()).orElse(null);
            positions.put(column.getKey(), columns.size());
            columns.add(new ComparedColumn(column.getKey(), targetNames.get(targetName.get().toLowerCase(Locale.ROOT)),
                    ColumnKind.of(column.getValue(), targetType),
                    column.getValue().matches("(?i).*(char|text|enum|set)"), conversion, targetType));
        }
        for (String keyColumn : key) {
            Integer position = positions.get(keyColumn);
            if (position == null) {
                throw new Problem("primary-key column " + keyColumn + " is excluded by the column mapping");
            }
            ColumnKind kind = columns.get(position).kind();
            if (kind == ColumnKind.TIME || kind == ColumnKind.BIT || kind == ColumnKind.JSON) {
                throw new Problem("primary-key column " + keyColumn + " is " + kind
                        + ", which verify cannot page through; leave the table out of --tables");
            }
            keyPositions.add(position);
        }
        return new TableLayout(table, targetQualifier, targetTable, List.copyOf(columns), List.copyOf(keyPositions));
    }

    /** Column name → data type, in ordinal order (both databases answer the same information_schema query). */
    private static Map<String, String> columnTypes(Connection c, String schema, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        String sql = "SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    private static List<String> primaryKey(Connection source, TableId table) throws SQLException {
        List<String> key = new ArrayList<>();
        String sql = "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                + "AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX";
        try (PreparedStatement ps = source.prepareStatement(sql)) {
            ps.setString(1, table.database());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return key;
    }
}
