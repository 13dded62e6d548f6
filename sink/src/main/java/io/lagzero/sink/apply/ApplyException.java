package io.lagzero.sink.apply;

import io.lagzero.sink.event.TableId;

/** A batch that could not be applied; the transaction was rolled back, so nothing of it is in the target. */
public class ApplyException extends RuntimeException {
    private final TableId table;

    public ApplyException(TableId table, String message, Throwable cause) {
        super(message, cause);
        this.table = table;
    }

    /** The table being written when it failed; null when no single table was at fault (e.g. commit). */
    public TableId table() {
        return table;
    }
}
