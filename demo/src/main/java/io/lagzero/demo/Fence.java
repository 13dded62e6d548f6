package io.lagzero.demo;

import io.lagzero.control.verify.SqlFlavor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The last write of the demo: once it is in the target, every change committed before it on the
 * source has reached Kafka, because Debezium produces in binlog order.
 */
final class Fence {
    private final Sandbox sandbox;
    private final String marker = "lagzero-fence-" + UUID.randomUUID();
    private long siteId;

    Fence(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    void write() throws SQLException {
        try (Connection c = sandbox.source().connect(DemoSchema.DATABASE); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MIN(id) FROM sites")) {
            rs.next();
            siteId = rs.getLong(1);
            s.executeUpdate("UPDATE sites SET notes = '" + marker + "' WHERE id = " + siteId);
        }
    }

    boolean reachedTarget() throws SQLException {
        SqlFlavor flavor = SqlFlavor.of(sandbox.targetUrl());
        String sql = "SELECT COUNT(*) FROM " + flavor.qualified(sandbox.targetQualifier(), "sites")
                + " WHERE " + flavor.quote("id") + " = ? AND " + flavor.quote("notes") + " = ?";
        try (Connection c = sandbox.connectTarget(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, siteId);
            ps.setString(2, marker);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            } catch (SQLException e) {
                return false;
            }
        }
    }
}
