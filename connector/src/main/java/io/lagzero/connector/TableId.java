package io.lagzero.connector;

/** A source table, {@code database.table}. */
public record TableId(String database, String table) {
    @Override
    public String toString() {
        return database + "." + table;
    }
}
