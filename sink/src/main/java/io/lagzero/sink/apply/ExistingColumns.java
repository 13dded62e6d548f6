package io.lagzero.sink.apply;

import io.lagzero.sink.event.TableId;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.mapping.Conversion;
import io.lagzero.sink.source.SourceCatalog;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Before the first row is copied: does a target table that already exists have columns that can
 * hold the source's values? An integer column for a VARCHAR source would otherwise fail the
 * snapshot half-way. Only kinds that cannot take each other's values count as a mismatch; types
 * this check does not know (PostgreSQL json, interval, user types; YEAR, which drivers report as a
 * date) pass.
 */
final class ExistingColumns {
    enum Kind { INTEGER, DECIMAL, FLOAT, TEXT, BINARY, DATE, DATETIME, TIME, BIT, UNKNOWN }

    private static final Map<Kind, Set<Kind>> HOLDS = Map.of(
            Kind.INTEGER, Set.of(Kind.INTEGER, Kind.BIT),
            Kind.BIT, Set.of(Kind.BIT, Kind.INTEGER),
            Kind.DECIMAL, Set.of(Kind.DECIMAL, Kind.INTEGER),
            Kind.FLOAT, Set.of(Kind.FLOAT, Kind.DECIMAL, Kind.INTEGER),
            Kind.TEXT, Set.of(Kind.TEXT),
            Kind.BINARY, Set.of(Kind.BINARY, Kind.BIT),
            Kind.DATE, Set.of(Kind.DATE),
            Kind.DATETIME, Set.of(Kind.DATETIME, Kind.DATE),
            Kind.TIME, Set.of(Kind.TIME));

    private ExistingColumns() {
    }

    /**
     * @param targetTable the target table's name; nothing is checked when it does not exist
     * @throws IllegalArgumentException naming the first column that cannot hold the source's values, and the fix
     */
    static void check(Connection target, SourceCatalog source, TableId table, String targetTable, ColumnMapping mapping)
            throws SQLException {
        Map<String, TargetColumn> existing = targetColumns(target, targetTable);
        if (existing.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> column : source.columnTypes(table).entrySet()) {
            String name = column.getKey();
            if (mapping.ruleFor(table, name).map(rule -> rule.exclude()).orElse(false)
                    || mapping.targetType(table, name).isPresent()) {
                continue;
            }
            Kind sourceKind = mapping.conversion(table, name).filter(c -> c == Conversion.HEX_TO_BINARY).isPresent()
                    ? Kind.BINARY : ofSource(column.getValue());
            String targetName = mapping.targetName(table, name).orElse(name);
            TargetColumn held = existing.get(targetName);
            if (held == null || sourceKind == Kind.UNKNOWN || held.kind() == Kind.UNKNOWN
                    || HOLDS.get(held.kind()).contains(sourceKind)) {
                continue;
            }
            throw new IllegalArgumentException("The target table " + targetTable + " already exists, and its column "
                    + targetName + " is " + held.type() + ", which cannot hold the source column " + table + "." + name
                    + " (" + column.getValue() + "). Fix: change the target column to match (ALTER TABLE " + targetTable
                    + " ...), drop the target table so lagzero creates it, or map the column with --column-mapping '"
                    + table + "." + name + " type:" + held.type().toUpperCase(Locale.ROOT) + "' if the conversion is meant");
        }
    }

    private record TargetColumn(String type, Kind kind) {
    }

    private static Map<String, TargetColumn> targetColumns(Connection connection, String name) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        Map<String, TargetColumn> columns = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), name, null)) {
            while (rs.next()) {
                if (name.equals(rs.getString("TABLE_NAME"))) {
                    columns.put(rs.getString("COLUMN_NAME"),
                            new TargetColumn(rs.getString("TYPE_NAME"), ofTarget(rs.getInt("DATA_TYPE"))));
                }
            }
        }
        return columns;
    }

    /** A MySQL/MariaDB {@code information_schema.COLUMNS.DATA_TYPE}. */
    static Kind ofSource(String dataType) {
        return switch (dataType.toLowerCase(Locale.ROOT)) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> Kind.INTEGER;
            case "decimal", "numeric" -> Kind.DECIMAL;
            case "float", "double", "real" -> Kind.FLOAT;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> Kind.TEXT;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> Kind.BINARY;
            case "date" -> Kind.DATE;
            case "datetime", "timestamp" -> Kind.DATETIME;
            case "time" -> Kind.TIME;
            case "bit" -> Kind.BIT;
            default -> Kind.UNKNOWN;
        };
    }

    /** A JDBC {@link Types} code of the target column. */
    static Kind ofTarget(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.INTEGER;
            case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
            case Types.FLOAT, Types.REAL, Types.DOUBLE -> Kind.FLOAT;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB -> Kind.TEXT;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BINARY;
            case Types.DATE -> Kind.DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Kind.DATETIME;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> Kind.TIME;
            case Types.BIT, Types.BOOLEAN -> Kind.BIT;
            default -> Kind.UNKNOWN;
        };
    }
}
