package io.lagzero.sink.backfill;

import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * A MySQL/MariaDB source table as the backfill copies it: its columns described exactly as
 * Debezium's change events describe them (the same Connect schemas and propagated source types), so
 * a table the backfill creates is the table the stream would have created, and its key columns.
 */
public record SourceTable(TableId id, List<Column> columns, List<String> keyColumns) {
    private static final String COLUMNS = "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, "
            + "CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION "
            + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
    private static final String KEY = "SELECT COLUMN_NAME FROM information_schema.STATISTICS "
            + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX";
    private static final String SOURCE_NAME = "__debezium.source.column.name";
    private static final Pattern OPTIONS = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern DISPLAY_WIDTH = Pattern.compile("^[a-z]+\\((\\d+)\\)");

    public SourceTable {
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
    }

    /**
     * Reads the table's definition from {@code information_schema}.
     *
     * @throws IllegalArgumentException when the table is missing, has no primary key or a column
     *     lagzero cannot replicate
     */
    public static SourceTable describe(Connection source, TableId table) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement statement = source.prepareStatement(KEY)) {
            statement.setString(1, table.database());
            statement.setString(2, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = source.prepareStatement(COLUMNS)) {
            statement.setString(1, table.database());
            statement.setString(2, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString("COLUMN_NAME");
                    try {
                        columns.add(Column.of(name, schema(name, rs, key.contains(name))));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("Source table " + table + " column " + name + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Source table " + table + " does not exist or is not readable");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("Source table " + table + " has no primary key; the backfill copies "
                    + "tables in primary-key chunks. Fix: add a primary key, or leave the table out of --tables");
        }
        return new SourceTable(table, columns, key);
    }

    private static Schema schema(String name, ResultSet rs, boolean key) throws SQLException {
        String dataType = rs.getString("DATA_TYPE").toLowerCase(Locale.ROOT);
        String columnType = rs.getString("COLUMN_TYPE").toLowerCase(Locale.ROOT);
        boolean unsigned = columnType.contains("unsigned");
        SchemaBuilder builder = builder(dataType, columnType, unsigned, rs);
        String sourceType = dataType.toUpperCase(Locale.ROOT) + (unsigned ? " UNSIGNED" : "");
        builder.parameter(Column.SOURCE_TYPE, sourceType);
        builder.parameter(SOURCE_NAME, name);
        Integer length = length(dataType, columnType, rs);
        if (length != null) {
            builder.parameter(Column.SOURCE_LENGTH, String.valueOf(length));
        }
        if (hasScale(dataType)) {
            builder.parameter(Column.SOURCE_SCALE, String.valueOf(rs.getInt("NUMERIC_SCALE")));
        }
        if (!key && "YES".equals(rs.getString("IS_NULLABLE"))) {
            builder.optional();
        }
        return builder.build();
    }

    private static SchemaBuilder builder(String dataType, String columnType, boolean unsigned, ResultSet rs)
            throws SQLException {
        return switch (dataType) {
            case "tinyint" -> SchemaBuilder.int16();
            case "smallint" -> unsigned ? SchemaBuilder.int32() : SchemaBuilder.int16();
            case "mediumint" -> SchemaBuilder.int32();
            case "int", "integer" -> unsigned ? SchemaBuilder.int64() : SchemaBuilder.int32();
            case "bigint" -> unsigned ? Decimal.builder(0).parameter("connect.decimal.precision", "20") : SchemaBuilder.int64();
            case "decimal", "numeric" -> Decimal.builder(rs.getInt("NUMERIC_SCALE"))
                    .parameter("connect.decimal.precision", String.valueOf(rs.getInt("NUMERIC_PRECISION")));
            case "float" -> SchemaBuilder.float32();
            case "double", "real" -> SchemaBuilder.float64();
            case "bit" -> bits(rs.getInt("NUMERIC_PRECISION"));
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> SchemaBuilder.string();
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> SchemaBuilder.bytes();
            case "date" -> SchemaBuilder.int32().name("io.debezium.time.Date").version(1);
            case "time" -> SchemaBuilder.int64().name("io.debezium.time.MicroTime").version(1);
            case "datetime" -> rs.getInt("DATETIME_PRECISION") <= 3
                    ? SchemaBuilder.int64().name("io.debezium.time.Timestamp").version(1)
                    : SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1);
            case "timestamp" -> SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").version(1);
            case "year" -> SchemaBuilder.int32().name("io.debezium.time.Year").version(1);
            case "json" -> SchemaBuilder.string().name("io.debezium.data.Json").version(1);
            case "enum" -> SchemaBuilder.string().name("io.debezium.data.Enum").version(1)
                    .parameter("allowed", options(columnType));
            case "set" -> SchemaBuilder.string().name("io.debezium.data.EnumSet").version(1)
                    .parameter("allowed", options(columnType));
            default -> throw new IllegalArgumentException("type " + columnType + " cannot be replicated "
                    + "(spatial and vector types are not supported)");
        };
    }

    private static SchemaBuilder bits(int length) {
        return length <= 1 ? SchemaBuilder.bool()
                : SchemaBuilder.bytes().name("io.debezium.data.Bits").version(1).parameter("length", String.valueOf(length));
    }

    private static String options(String columnType) {
        List<String> options = new ArrayList<>();
        Matcher matcher = OPTIONS.matcher(columnType.substring(columnType.indexOf('(')));
        while (matcher.find()) {
            options.add(matcher.group(1).replace("''", "'"));
        }
        return String.join(",", options);
    }

    /**
     * The length Debezium propagates: characters or bytes of CHAR and BINARY types (none for TEXT and
     * BLOB), precision, fractional digits when declared, display width, or for ENUM and SET the
     * length Debezium's DDL parser gives them.
     */
    private static Integer length(String dataType, String columnType, ResultSet rs) throws SQLException {
        return switch (dataType) {
            case "char", "varchar", "binary", "varbinary" -> rs.getInt("CHARACTER_MAXIMUM_LENGTH");
            case "decimal", "numeric", "bit" -> rs.getInt("NUMERIC_PRECISION");
            case "datetime", "timestamp", "time" -> columnType.contains("(") ? rs.getInt("DATETIME_PRECISION") : null;
            case "enum" -> 1;
            case "set" -> options(columnType).length();
            case "tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob", "json",
                    "date", "float", "double", "real" -> null;
            default -> displayWidth(columnType);
        };
    }

    private static Integer displayWidth(String columnType) {
        Matcher matcher = DISPLAY_WIDTH.matcher(columnType);
        return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
    }

    private static boolean hasScale(String dataType) {
        return dataType.equals("decimal") || dataType.equals("numeric");
    }

    /** The key columns' definitions, in key order. */
    public List<Column> keyColumnDefinitions() {
        return keyColumns.stream()
                .map(name -> columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow())
                .toList();
    }
}
