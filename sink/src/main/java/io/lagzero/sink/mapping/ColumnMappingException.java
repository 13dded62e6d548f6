package io.lagzero.sink.mapping;

import io.lagzero.sink.event.TableId;

/** A change event that its column mapping cannot be applied to: a property of the record, so permanent. */
public class ColumnMappingException extends RuntimeException {
    private final TableId table;

    public ColumnMappingException(TableId table, String message, Throwable cause) {
        super(message, cause);
        this.table = table;
    }

    public TableId table() {
        return table;
    }
}
