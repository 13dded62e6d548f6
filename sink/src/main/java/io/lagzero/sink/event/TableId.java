package io.lagzero.sink.event;

import java.util.Objects;

/** A source table, as Debezium names it in the {@code source} block: database and table. */
public record TableId(String database, String table) {
    public TableId {
        Objects.requireNonNull(table, "table");
    }

    @Override
    public String toString() {
        return database == null ? table : database + "." + table;
    }
}
