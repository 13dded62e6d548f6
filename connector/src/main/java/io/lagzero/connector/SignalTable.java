package io.lagzero.connector;

import io.lagzero.sink.event.TableId;
import io.lagzero.sink.source.TableSelector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The table on the source through which lagzero asks Debezium for incremental snapshots of
 * single keys ({@code lagzero verify --repair}): {@code <db>.lagzero_signals} in the database of
 * the first replicated table. Debezium watches it once it exists; it must exist before the
 * pipeline starts, so that Debezium knows its columns: {@code lagzero run} creates it when the user may.
 */
public final class SignalTable {
    public static final String NAME = TableSelector.SIGNAL_TABLE;

    private SignalTable() {
    }

    public static TableId of(SourceDatabase source) {
        return new TableId(source.tables().get(0).database(), NAME);
    }

    /**
     * Creates the signal table of {@code source} when it is missing; without the grant to, only
     * {@code lagzero verify --repair} cannot work, so that is all the returned warning says.
     */
    public static Optional<String> ensure(Connection connection, SourceDatabase source, String user) {
        TableId table = of(source);
        try {
            OwnTables.ensure(connection, table, createStatement(table));
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("Cannot create the signal table " + table + " (" + e.getMessage() + "), so lagzero verify "
                    + "--repair will not work. Fix: GRANT CREATE, INSERT ON `" + table.database() + "`.`" + NAME
                    + "` TO '" + user + "'@'%' and restart, or create it yourself: " + createStatement(table));
        }
    }

    /** The statement that creates it, in Debezium's required shape. */
    public static String createStatement(TableId table) {
        return "CREATE TABLE IF NOT EXISTS `" + table.database() + "`.`" + table.table() + "` "
                + "(id VARCHAR(64) NOT NULL PRIMARY KEY, type VARCHAR(32) NOT NULL, data TEXT NULL)";
    }
}
