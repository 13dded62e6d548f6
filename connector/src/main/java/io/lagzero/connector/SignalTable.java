package io.lagzero.connector;

/**
 * The table on the source through which lagzero asks Debezium for incremental snapshots of
 * single keys ({@code lagzero verify --repair}): {@code <db>.lagzero_signals} in the database of
 * the first replicated table. Debezium watches it once it exists; it must exist before the
 * pipeline starts, so that Debezium knows its columns.
 */
public final class SignalTable {
    public static final String NAME = "lagzero_signals";

    private SignalTable() {
    }

    public static TableId of(SourceDatabase source) {
        return new TableId(source.tables().get(0).database(), NAME);
    }

    /** The statement that creates it, in Debezium's required shape. */
    public static String createStatement(TableId table) {
        return "CREATE TABLE IF NOT EXISTS `" + table.database() + "`.`" + table.table() + "` "
                + "(id VARCHAR(64) NOT NULL PRIMARY KEY, type VARCHAR(32) NOT NULL, data TEXT NULL)";
    }
}
