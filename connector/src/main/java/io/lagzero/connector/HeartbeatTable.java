package io.lagzero.connector;

import io.lagzero.sink.event.TableId;
import io.lagzero.sink.lag.ChangeTiming;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The {@value #NAME} table on the source: one row per pipeline, rewritten every heartbeat interval,
 * replicated like any other table. Its {@value #WRITTEN_AT_COLUMN} column carries the writer's
 * clock in microseconds, because binlog event times have only whole seconds.
 */
public record HeartbeatTable(TableId table) {
    /** The sink's lag tracker knows heartbeat rows by these names. */
    public static final String NAME = ChangeTiming.HEARTBEAT_TABLE;
    public static final String WRITTEN_AT_COLUMN = ChangeTiming.HEARTBEAT_WRITTEN_AT;

    /** The heartbeat table lives in the first replicated database. */
    public static HeartbeatTable in(String database) {
        return new HeartbeatTable(new TableId(database, NAME));
    }

    public String createSql() {
        return "CREATE TABLE IF NOT EXISTS `" + table.database() + "`.`" + NAME + "` ("
                + "pipeline VARCHAR(64) NOT NULL PRIMARY KEY, "
                + "beats BIGINT NOT NULL, "
                + WRITTEN_AT_COLUMN + " BIGINT NOT NULL COMMENT 'writer clock, microseconds since 1970-01-01 UTC')";
    }

    public String upsertSql() {
        return "INSERT INTO `" + table.database() + "`.`" + NAME + "` (pipeline, beats, " + WRITTEN_AT_COLUMN
                + ") VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE beats = VALUES(beats), "
                + WRITTEN_AT_COLUMN + " = VALUES(" + WRITTEN_AT_COLUMN + ")";
    }

    /** Creates the table when it is missing; the source user then needs CREATE on it (and always INSERT, UPDATE). */
    public void ensure(Connection source, String user) {
        try {
            OwnTables.ensure(source, table, createSql());
        } catch (SQLException e) {
            throw new SetupException("Cannot create the heartbeat table " + table + " on the source: " + e.getMessage()
                    + ". Fix: GRANT CREATE, INSERT, UPDATE ON `" + table.database() + "`.`" + NAME + "` TO '" + user
                    + "'@'%', or create it yourself: " + createSql(), e);
        }
    }
}
