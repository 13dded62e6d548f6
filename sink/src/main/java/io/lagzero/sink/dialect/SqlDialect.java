package io.lagzero.sink.dialect;

import io.lagzero.sink.event.Column;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** The SQL both targets share; subclasses supply types, the upsert clause and the odd bindings. */
public abstract class SqlDialect implements Dialect {
    private final String quote;

    protected SqlDialect(String quote) {
        this.quote = quote;
    }

    /** The column's SQL type in this target. */
    protected abstract String columnType(Column column, boolean key);

    /** The declared target type ({@link Column#TARGET_TYPE}) if any, else the dialect's choice. */
    private String definedType(Column column, boolean key) {
        String declared = column.parameter(Column.TARGET_TYPE);
        return declared != null ? declared : columnType(column, key);
    }

    protected abstract String upsertClause(List<Column> columns, List<String> keyColumns);

    @Override
    public String quote(String identifier) {
        return quote + identifier.replace(quote, quote + quote) + quote;
    }

    @Override
    public String createTable(String table, List<Column> columns, List<String> keyColumns, String autoIncrementColumn) {
        String definitions = columns.stream()
                .map(c -> quote(c.name()) + " " + definedType(c, keyColumns.contains(c.name()))
                        + nullability(c, keyColumns.contains(c.name()))
                        + (c.name().equals(autoIncrementColumn) ? autoIncrement(definedType(c, true), keyColumns.indexOf(c.name())) : ""))
                .collect(Collectors.joining(",\n  "));
        return "CREATE TABLE IF NOT EXISTS " + quote(table) + " (\n  " + definitions
                + ",\n  PRIMARY KEY (" + names(keyColumns) + ")\n)" + tableOptions();
    }

    @Override
    public String addColumn(String table, Column column) {
        return "ALTER TABLE " + quote(table) + " ADD COLUMN " + quote(column.name()) + " " + definedType(column, false);
    }

    /**
     * The clause that makes a column number new rows when they give no value, or "" where this
     * target cannot (the rows then need explicit ids).
     *
     * @param keyPosition the column's position in the primary key, -1 when not in it
     */
    protected abstract String autoIncrement(String type, int keyPosition);

    protected String nullability(Column column, boolean key) {
        return key || !column.optional() ? " NOT NULL" : "";
    }

    protected String tableOptions() {
        return "";
    }

    @Override
    public String upsert(String table, List<Column> columns, List<String> keyColumns, int rows) {
        List<String> names = columns.stream().map(Column::name).toList();
        return "INSERT INTO " + quote(table) + " (" + names(names) + ") VALUES "
                + tuples(names.size(), rows) + " " + upsertClause(columns, keyColumns);
    }

    @Override
    public String delete(String table, List<String> keyColumns, int rows) {
        String target = keyColumns.size() == 1 ? quote(keyColumns.get(0)) : "(" + names(keyColumns) + ")";
        String values = keyColumns.size() == 1 ? "(" + placeholders(rows) + ")" : "(" + tuples(keyColumns.size(), rows) + ")";
        return "DELETE FROM " + quote(table) + " WHERE " + target + " IN " + values;
    }

    protected String names(List<String> names) {
        return names.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    private static String tuples(int width, int rows) {
        String tuple = "(" + placeholders(width) + ")";
        return String.join(",", Collections.nCopies(rows, tuple));
    }

    private static String placeholders(int count) {
        return String.join(",", Collections.nCopies(count, "?"));
    }

    @Override
    public void bind(PreparedStatement statement, int index, Column column, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, nullType(column));
            return;
        }
        switch (column.kind()) {
            case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case BYTES -> statement.setBytes(index, (byte[]) value);
            case STRING -> statement.setString(index, (String) value);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case TIMESTAMP, TIME, JSON, BITS -> bindSpecial(statement, index, column, value);
            case INT32, INT64, YEAR, FLOAT64 -> bindNumber(statement, index, value);
            default -> statement.setObject(index, value);
        }
    }

    /** Integers and doubles through their typed setters: MariaDB's setObject searches its codecs for each value. */
    private static void bindNumber(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof Double number) {
            statement.setDouble(index, number);
        } else {
            statement.setObject(index, value);
        }
    }

    /** Binds TIMESTAMP, TIME, JSON and BITS values, whose JDBC form differs between targets. */
    protected abstract void bindSpecial(PreparedStatement statement, int index, Column column, Object value)
            throws SQLException;

    /** The {@link Types} code for a NULL of this column. */
    protected int nullType(Column column) {
        return switch (column.kind()) {
            case INT8 -> Types.TINYINT;
            case INT16 -> Types.SMALLINT;
            case INT32, YEAR -> Types.INTEGER;
            case INT64 -> Types.BIGINT;
            case FLOAT32 -> Types.REAL;
            case FLOAT64 -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
            case STRING, JSON -> Types.VARCHAR;
            case BYTES, BITS -> Types.VARBINARY;
            case DECIMAL -> Types.NUMERIC;
            case DATE -> Types.DATE;
            case DATETIME -> Types.TIMESTAMP;
            case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
            case TIME -> Types.TIME;
        };
    }
}
