package io.lagzero.control.cutover;

import io.lagzero.connector.JdbcConnections;
import io.lagzero.connector.SetupException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Freezes the source with {@code SET GLOBAL read_only = ON}: the server waits for running write
 * transactions to commit and then refuses writes from every user without the {@code READ_ONLY
 * ADMIN} (MariaDB) or {@code SUPER} privilege. The application must write as such a user.
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

    @Override
    public void check() {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                String grant = rs.getString(1).toUpperCase(Locale.ROOT);
                if (grant.contains("ALL PRIVILEGES ON *.*") || grant.contains("SUPER") || grant.contains("READ_ONLY ADMIN")) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw new SetupException("Cannot read the source user's grants: " + e.getMessage(), e);
        }
        throw new SetupException("Source user '" + user + "' may not set read_only. Fix: GRANT READ_ONLY ADMIN ON *.* TO '"
                + user + "' (MariaDB; SUPER on MySQL), or freeze writes your own way with --freeze-command and "
                + "--unfreeze-command");
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
            throw new SetupException("Cannot set read_only on the source: " + e.getMessage(), e);
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
            throw new SetupException("Cannot clear read_only on the source: " + e.getMessage()
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
