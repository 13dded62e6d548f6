package io.lagzero.sink.apply;

/** Rows written to one table by one batch, after reduction to the last change per key. */
public record TableCounts(int upserted, int deleted) {
}
