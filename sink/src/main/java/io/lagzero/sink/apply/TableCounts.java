package io.lagzero.sink.apply;

/**
 * Rows written to one table by one batch, after reduction to the last change per key.
 *
 * @param skippedDeletes delete events not applied because deletes are disabled
 */
public record TableCounts(int upserted, int deleted, int skippedDeletes) {
    public TableCounts(int upserted, int deleted) {
        this(upserted, deleted, 0);
    }
}
