package io.lagzero.control.cutover;

import io.lagzero.connector.JdbcConnections;
import io.lagzero.control.cli.UserError;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Freezes the source with {@code SET GLOBAL read_only = ON}: the server waits for running write
 * transactions to commit and then refuses writes from every user without the {@code READ_ONLY
 * ADMIN} (MariaDB 10.5+) or {@code CONNECTION_ADMIN}/{@code SUPER} (MySQL) privilege. The application
 * must not write as such a user.
 */
final class ReadOnlyFreeze implements SourceFreeze {
    private final String url;
    private final String user;
    private final String password;
    private boolean wasReadOnly;

    ReadOnlyFreeze(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Sets read_only to the value it has: that changes nothing, and needs exactly the privilege the
     * freeze needs, whatever the server version calls it.
     */
    @Override
    public void check() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL read_only = @@GLOBAL.read_only");
        } catch (SQLException e) {
            throw new UserError("Source user '" + user + "' may not set read_only (" + e.getMessage() + "). Fix: GRANT "
                    + "READ_ONLY ADMIN ON *.* TO '" + user + "'@'%' (MariaDB 10.5+; MySQL 8: SYSTEM_VARIABLES_ADMIN, "
                    + "CONNECTION_ADMIN), or freeze writes your own way with --freeze-command and --unfreeze-command");
        }
    }

    @Override
    public void freeze() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT @@GLOBAL.read_only")) {
                rs.next();
                wasReadOnly = rs.getBoolean(1);
            }
            s.execute("SET GLOBAL read_only = ON");
        } catch (SQLException e) {
            throw new UserError("Cannot set read_only on the source: " + e.getMessage(), e);
        }
    }

    @Override
    public void unfreeze() {
        if (wasReadOnly) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL read_only = OFF");
        } catch (SQLException e) {
            throw new UserError("Cannot clear read_only on the source: " + e.getMessage()
                    + ". Fix: run SET GLOBAL read_only = OFF on the source now", e);
        }
    }

    @Override
    public String describe() {
        return "SET GLOBAL read_only = ON on the source";
    }

    private Connection connect() {
        return JdbcConnections.open("source", url, user, password);
    }
}
