package io.lagzero.sink.event;

/** What a change does to the target row with its key. */
public enum Operation {
    /** Debezium {@code c}, {@code u} and {@code r}: the row must exist with these values. */
    UPSERT,
    /** Debezium {@code d}: the row must not exist. */
    DELETE
}
