package io.lagzero.sink.metrics;

/**
 * What became of the records a sink task received, per source table and operation. Tags are
 * low-cardinality: {@code table} is {@code db.table} (or {@link #UNKNOWN} for a record that could
 * not be decoded), {@code op} one of {@link Op}. A Micrometer adapter binds each combination to a
 * counter such as {@code lagzero.sink.records{table,op,outcome}}.
 */
public interface ApplyMetrics {
    String UNKNOWN = "unknown";

    enum Op { UPSERT, DELETE, TOMBSTONE, UNKNOWN }

    enum Outcome {
        /** Committed in the target; counted as rows written after reduction to the last change per key. */
        APPLIED,
        /** Deliberately not applied: tombstones, deletes while deletes are disabled. */
        SKIPPED,
        /** Sent to the errant record reporter (dead-letter queue). */
        DLQ,
        /** Part of a batch that failed transiently and will be delivered again. */
        RETRIED
    }

    void count(String table, Op op, Outcome outcome, long records);

    /** Counts into every one of {@code targets}. */
    static ApplyMetrics all(ApplyMetrics... targets) {
        return (table, op, outcome, records) -> {
            for (ApplyMetrics target : targets) {
                target.count(table, op, outcome, records);
            }
        };
    }
}
