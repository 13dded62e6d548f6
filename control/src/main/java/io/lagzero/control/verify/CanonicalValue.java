package io.lagzero.control.verify;

import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.dialect.Dialects;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Reads one column of one row into a form that is equal on MariaDB and PostgreSQL exactly when
 * the values are: numbers as plain decimals compared by value (1.50 = 1.5), booleans as 1/0, bytes as hex, DATETIME as a local
 * date-time, TIMESTAMP as the UTC instant, JSON with sorted keys and no insignificant spaces,
 * NULL as a marker no string can equal.
 */
final class CanonicalValue {
    static final String NULL = "\u0000NULL";

    private CanonicalValue() {
    }

    /** Makes the session read and bind times in UTC, as the sink writes them. */
    static void useUtc(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(Dialects.of(connection).utcSessionSql());
        }
    }

    /** How to select a column so that {@link #read} gets the same value from either database. */
    static String select(Dialect dialect, String column, ColumnKind kind) {
        String quoted = dialect.quote(column);
        String expression = switch (kind) {
            case DATETIME -> dialect.exactDateTime(quoted);
            case TIME -> dialect.exactTime(quoted);
            case BIT -> dialect.bitDigits(quoted);
            case JSON, OTHER -> quoted;
        };
        return expression.equals(quoted) ? quoted : expression + " AS " + quoted;
    }

    /** A key column's ORDER BY term: text by its bytes on both sides, as the merge in Java expects. */
    static String orderKey(Dialect dialect, String column, boolean text) {
        String quoted = dialect.quote(column);
        return text ? dialect.byteOrder(quoted) : quoted;
    }

    /** A comparable value (for key order) of column {@code i}, or null. */
    static Comparable<?> read(ResultSet rs, int i, ColumnKind kind) throws SQLException {
        boolean text = rs.getMetaData().getColumnType(i) != Types.TIMESTAMP && kind != ColumnKind.OTHER;
        if (text) {
            String value = rs.getString(i);
            return value == null ? null : switch (kind) {
                case DATETIME -> LocalDateTime.parse(value.replace(' ', 'T'));
                case TIME -> timeMicros(value);
                case BIT -> bits(value);
                case JSON -> JsonText.canonical(value);
                case OTHER -> value;
            };
        }
        ResultSetMetaData meta = rs.getMetaData();
        String typeName = meta.getColumnTypeName(i).toLowerCase(Locale.ROOT);
        Object value = switch (meta.getColumnType(i)) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> typeName.equals("timestamptz")
                    ? utc(rs.getObject(i, OffsetDateTime.class)) : rs.getObject(i, LocalDateTime.class);
            case Types.DATE -> typeName.equals("year") ? nullable(rs, rs.getInt(i)) : rs.getObject(i, LocalDate.class);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> rs.getBytes(i);
            default -> rs.getObject(i);
        };
        return value == null ? null : comparable(value);
    }

    /** MariaDB TIME text ({@code -838:59:59.5}) or PostgreSQL microseconds, as microseconds. */
    private static BigDecimal timeMicros(String value) {
        if (!value.contains(":")) {
            return new BigDecimal(value);
        }
        boolean negative = value.startsWith("-");
        String[] parts = value.replace("-", "").split(":");
        BigDecimal seconds = new BigDecimal(parts[0]).multiply(BigDecimal.valueOf(3600))
                .add(new BigDecimal(parts[1]).multiply(BigDecimal.valueOf(60))).add(new BigDecimal(parts[2]));
        BigDecimal micros = seconds.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY);
        return negative ? micros.negate() : micros;
    }

    /** Binary digits without leading zeros; PostgreSQL booleans (a source BIT(1)) as 1 or 0. */
    private static String bits(String value) {
        String digits = switch (value) {
            case "true", "t" -> "1";
            case "false", "f" -> "0";
            default -> value.replaceFirst("^0+", "");
        };
        return digits.isEmpty() ? "0" : digits;
    }

    private static Object nullable(ResultSet rs, int value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private static LocalDateTime utc(OffsetDateTime value) {
        return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private static Comparable<?> comparable(Object value) {
        if (value instanceof Boolean b) {
            return BigDecimal.valueOf(b ? 1 : 0);
        }
        if (value instanceof Float || value instanceof Double) {
            return Double.valueOf(((Number) value).toString());
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof byte[] bytes) {
            return new Bytes(bytes);
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        if (value instanceof Comparable<?> c && !(value instanceof java.util.Date)) {
            return c instanceof String || c instanceof LocalDate || c instanceof LocalDateTime ? c : c.toString();
        }
        return value.toString();
    }

    /** The text that goes into the row's checksum. */
    static String text(Comparable<?> value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** Bytes compared unsigned, as both databases order BINARY/bytea keys. */
    record Bytes(byte[] value) implements Comparable<Bytes> {
        @Override
        public int compareTo(Bytes other) {
            return Arrays.compareUnsigned(value, other.value);
        }

        @Override
        public String toString() {
            return "0x" + HexFormat.of().formatHex(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }
    }
}
