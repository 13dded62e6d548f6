package io.lagzero.sink.event;

import org.apache.kafka.connect.data.Schema;

/**
 * What a column holds, from its Connect schema type and Debezium semantic name. Dialects map a kind
 * to a SQL type and a JDBC binding; {@link ValueConverter} decodes each kind's Debezium encodings.
 */
public enum ValueKind {
    INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES,
    DECIMAL,
    /** Calendar date: {@link java.time.LocalDate}. */
    DATE,
    /** MySQL DATETIME, a wall-clock time without zone: {@link java.time.LocalDateTime}. */
    DATETIME,
    /** MySQL TIMESTAMP, an instant: {@link java.time.OffsetDateTime} in UTC. */
    TIMESTAMP,
    /** MySQL TIME, an elapsed time that may be negative or exceed a day: {@link java.time.Duration}. */
    TIME,
    YEAR,
    JSON,
    /** MySQL BIT(n), n &gt; 1: {@link BitString}. */
    BITS;

    public static ValueKind of(Schema schema) {
        String name = schema.name();
        if (name != null) {
            ValueKind semantic = semantic(name);
            if (semantic != null) {
                return semantic;
            }
        }
        return switch (schema.type()) {
            case INT8 -> INT8;
            case INT16 -> INT16;
            case INT32 -> INT32;
            case INT64 -> INT64;
            case FLOAT32 -> FLOAT32;
            case FLOAT64 -> FLOAT64;
            case BOOLEAN -> BOOLEAN;
            case STRING -> STRING;
            case BYTES -> BYTES;
            default -> throw new IllegalArgumentException("unsupported column schema " + schema.type()
                    + (name == null ? "" : " " + name) + " (geometry, vector and nested types cannot be replicated)");
        };
    }

    private static ValueKind semantic(String name) {
        return switch (name) {
            case "org.apache.kafka.connect.data.Decimal" -> DECIMAL;
            case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" -> DATE;
            case "io.debezium.time.Timestamp", "io.debezium.time.MicroTimestamp", "io.debezium.time.NanoTimestamp",
                    "org.apache.kafka.connect.data.Timestamp" -> DATETIME;
            case "io.debezium.time.ZonedTimestamp" -> TIMESTAMP;
            case "io.debezium.time.Time", "io.debezium.time.MicroTime", "io.debezium.time.NanoTime",
                    "org.apache.kafka.connect.data.Time" -> TIME;
            case "io.debezium.time.Year" -> YEAR;
            case "io.debezium.data.Json" -> JSON;
            case "io.debezium.data.Bits" -> BITS;
            default -> null;
        };
    }
}
