package io.lagzero.sink.backfill;

import io.lagzero.sink.event.BitString;
import io.lagzero.sink.event.Column;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads a MySQL/MariaDB column value from a result set into the Java value the sink binds, the
 * same value {@link io.lagzero.sink.event.ValueConverter} makes of Debezium's encoding. Temporal
 * values are read as the server's text (the session in UTC), so no JVM or driver time zone shifts
 * them; a zero date, which Debezium turns into NULL, is NULL here too.
 */
final class SourceValues {
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private SourceValues() {
    }

    static Object read(ResultSet rs, int index, Column column) throws SQLException {
        Object value = switch (column.kind()) {
            case INT8 -> rs.getByte(index);
            case INT16 -> rs.getShort(index);
            case INT32, YEAR -> rs.getInt(index);
            case INT64 -> rs.getLong(index);
            case FLOAT32 -> rs.getFloat(index);
            case FLOAT64 -> rs.getDouble(index);
            case BOOLEAN -> rs.getBoolean(index);
            case DECIMAL -> decimal(rs.getBigDecimal(index), column);
            case BYTES -> rs.getBytes(index);
            case BITS -> bits(rs.getBytes(index), column);
            case DATE -> date(rs.getString(index));
            case DATETIME -> dateTime(rs.getString(index));
            case TIMESTAMP -> timestamp(rs.getString(index));
            case TIME -> time(rs.getString(index));
            case STRING, JSON -> rs.getString(index);
        };
        return rs.wasNull() ? null : value;
    }

    private static BigDecimal decimal(BigDecimal value, Column column) {
        Integer scale = column.integerParameter("scale");
        return value == null || scale == null ? value : value.setScale(scale);
    }

    /** MySQL sends BIT(n) big-endian; Debezium's Bits, and so {@link BitString}, are little-endian. */
    private static BitString bits(byte[] bigEndian, Column column) {
        if (bigEndian == null) {
            return null;
        }
        byte[] littleEndian = new byte[bigEndian.length];
        for (int i = 0; i < bigEndian.length; i++) {
            littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return BitString.fromLittleEndian(littleEndian, column.integerParameter("length"));
    }

    private static LocalDate date(String text) {
        return text == null || text.startsWith("0000") || text.contains("-00") ? null : LocalDate.parse(text);
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.f…]}, parsed by hand: a formatter per value costs more than the rest of the row. */
    static LocalDateTime dateTime(String text) {
        if (text == null || text.startsWith("0000") || text.contains("-00")) {
            return null;
        }
        int nanos = 0;
        if (text.length() > 20) {
            String fraction = text.substring(20);
            nanos = Integer.parseInt(fraction) * POWERS_OF_TEN[9 - fraction.length()];
        }
        return LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10), number(text, 11, 13),
                number(text, 14, 16), number(text, 17, 19), nanos);
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static Object timestamp(String text) {
        LocalDateTime utc = dateTime(text);
        return utc == null ? null : utc.atOffset(ZoneOffset.UTC);
    }

    /** {@code [-]H+:MM:SS[.ffffff]}, hours up to 838. */
    static Duration time(String text) {
        if (text == null) {
            return null;
        }
        boolean negative = text.startsWith("-");
        String[] parts = (negative ? text.substring(1) : text).split(":");
        String[] seconds = parts[2].split("\\.");
        long micros = seconds.length > 1 ? Long.parseLong((seconds[1] + "000000").substring(0, 6)) : 0;
        Duration duration = Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
                .plusSeconds(Long.parseLong(seconds[0])).plusNanos(micros * 1000);
        return negative ? duration.negated() : duration;
    }
}
