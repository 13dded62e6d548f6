package io.lagzero.control.verify;

import io.lagzero.connector.SignalTable;
import io.lagzero.control.cli.UserError;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.event.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What {@code --repair} needs, checked before the pass reads a row, so that it never repairs
 * half and then stops: the signal table exists on the source and the source user may insert into
 * it (the source is not read-only), and the target user may delete from every target table.
 * Each write is probed with a statement that matches no row, which changes nothing.
 */
final class RepairChecks {
    private final Connection source;
    private final Connection target;
    private final String targetQualifier;

    RepairChecks(Connection source, Connection target, String targetQualifier) {
        this.source = source;
        this.target = target;
        this.targetQualifier = targetQualifier;
    }

    /** Throws a UserError naming the first unmet precondition and its fix. */
    void require(TableId signal, List<TableId> tables, String sourceUser, String targetUser) throws SQLException {
        signalTableExists(signal);
        signalTableWritable(signal, sourceUser);
        for (TableId table : tables) {
            targetDeletes(table, targetUser);
        }
    }

    private void signalTableExists(TableId signal) throws SQLException {
        try (PreparedStatement ps = source.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, signal.database());
            ps.setString(2, signal.table());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    throw new UserError("--repair needs the Debezium signal table " + signal + " on the source; "
                            + "nothing was changed. Fix: " + SignalTable.createStatement(signal) + "; then restart "
                            + "lagzero run (Kafka Connect: set signal.data.collection=" + signal + " on the source "
                            + "connector), or name another table with --signal-table");
                }
            }
        }
    }

    private void signalTableWritable(TableId signal, String sourceUser) throws SQLException {
        String probe = "INSERT INTO " + Dialects.of(source).qualified(signal.database(), signal.table())
                + " (id, type, data) SELECT 'lagzero-probe', 'probe', NULL FROM DUAL WHERE 1 = 0";
        try (Statement s = source.createStatement()) {
            s.executeUpdate(probe);
        } catch (SQLException e) {
            rollback(source);
            throw new UserError("--repair cannot write the signal table " + signal + " as source user '"
                    + sourceUser + "' (" + firstLine(e) + "); nothing was changed. Fix: GRANT INSERT ON `"
                    + signal.database() + "`.`" + signal.table() + "` TO '" + sourceUser + "', and run verify "
                    + "--repair while the source is writable (not read_only)");
        }
    }

    /** Rows only the target has are deleted there; a target table that does not exist is left to the pass to report. */
    private void targetDeletes(TableId table, String targetUser) throws SQLException {
        String name = Dialects.of(target).qualified(targetQualifier, table.table());
        try (Statement s = target.createStatement()) {
            s.executeUpdate("DELETE FROM " + name + " WHERE 1 = 0");
        } catch (SQLException e) {
            rollback(target);
            if (!readable(name)) {
                return;
            }
            throw new UserError("--repair deletes the rows only the target has, but target user '" + targetUser
                    + "' may not delete from " + name + " (" + firstLine(e) + "); nothing was changed. Fix: GRANT "
                    + "DELETE ON " + name + " TO " + targetUser + ", or run verify without --repair");
        }
    }

    private boolean readable(String name) {
        try (Statement s = target.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + name + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            rollback(target);
            return false;
        }
    }

    /** A failed probe must not leave a PostgreSQL transaction aborted for the pass. */
    private static void rollback(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The pass's own statements report a broken connection.
        }
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }
}
