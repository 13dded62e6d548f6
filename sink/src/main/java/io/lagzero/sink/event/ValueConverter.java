package io.lagzero.sink.event;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.apache.kafka.connect.data.Decimal;

/**
 * Turns a Connect value, as Debezium encoded it, into the Java value a JDBC driver binds. Epoch
 * values become wall-clock times read in UTC, so the JVM's default time zone never shifts them.
 */
public final class ValueConverter {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private ValueConverter() {
    }

    public static Object convert(Column column, Object raw) {
        if (raw == null) {
            return null;
        }
        String encoding = column.schema().name() == null ? "" : column.schema().name();
        return switch (column.kind()) {
            case DECIMAL -> raw instanceof BigDecimal d ? d : Decimal.toLogical(column.schema(), bytes(raw));
            case DATE -> raw instanceof Date d
                    ? LocalDate.ofInstant(d.toInstant(), ZoneOffset.UTC)
                    : LocalDate.ofEpochDay(((Number) raw).longValue());
            case DATETIME -> dateTime(encoding, raw);
            case TIMESTAMP -> OffsetDateTime.parse((String) raw).withOffsetSameInstant(ZoneOffset.UTC);
            case TIME -> time(encoding, raw);
            case BYTES -> bytes(raw);
            case BITS -> BitString.fromLittleEndian(bytes(raw), bitLength(column));
            default -> raw;
        };
    }

    private static LocalDateTime dateTime(String encoding, Object raw) {
        if (raw instanceof Date d) {
            return LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC);
        }
        long value = ((Number) raw).longValue();
        return switch (encoding) {
            case "io.debezium.time.MicroTimestamp" -> utc(value, MICROS_PER_SECOND);
            case "io.debezium.time.NanoTimestamp" -> utc(value, NANOS_PER_SECOND);
            default -> utc(value, 1000L);
        };
    }

    private static LocalDateTime utc(long value, long unitsPerSecond) {
        long seconds = Math.floorDiv(value, unitsPerSecond);
        long fraction = Math.floorMod(value, unitsPerSecond);
        int nanos = (int) (fraction * (NANOS_PER_SECOND / unitsPerSecond));
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    private static Duration time(String encoding, Object raw) {
        if (raw instanceof Date d) {
            return Duration.ofMillis(d.getTime());
        }
        long value = ((Number) raw).longValue();
        return switch (encoding) {
            case "io.debezium.time.MicroTime" -> Duration.of(value, ChronoUnit.MICROS);
            case "io.debezium.time.NanoTime" -> Duration.ofNanos(value);
            default -> Duration.ofMillis(value);
        };
    }

    private static byte[] bytes(Object raw) {
        if (raw instanceof byte[] b) {
            return b;
        }
        ByteBuffer buffer = ((ByteBuffer) raw).duplicate();
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(copy);
        return copy;
    }

    private static int bitLength(Column column) {
        Integer length = column.integerParameter("length");
        if (length == null) {
            throw new IllegalArgumentException("column " + column.name() + " is io.debezium.data.Bits without a 'length' parameter");
        }
        return length;
    }
}
