package io.lagzero.connector;

import io.lagzero.sink.event.TableId;
import io.lagzero.sink.source.TableSelector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables lagzero keeps on the source for itself ({@value HeartbeatTable#NAME},
 * {@value SignalTable#NAME}): never part of a user's table selection, so no command copies,
 * verifies, counts or lists them as application tables, whatever {@code --tables} says.
 */
public final class OwnTables {
    private OwnTables() {
    }

    public static boolean contains(TableId table) {
        return TableSelector.isOwnTable(table);
    }

    /**
     * Creates the table with {@code createSql} unless it exists: a user may have created it for
     * lagzero, and then needs no CREATE grant (MariaDB checks it even for CREATE TABLE IF NOT EXISTS).
     */
    public static void ensure(Connection source, TableId table, String createSql) throws SQLException {
        try (PreparedStatement ps = source.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, table.database());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
        }
        try (Statement s = source.createStatement()) {
            s.execute(createSql);
        }
    }
}
