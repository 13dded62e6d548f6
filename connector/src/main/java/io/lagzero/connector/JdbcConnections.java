package io.lagzero.connector;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/** Opens JDBC connections and turns the usual failures into messages that name the fix. */
public final class JdbcConnections {
    private JdbcConnections() {
    }

    /**
     * @param role "source" or "target": names the flags and the password variable in messages
     */
    public static Connection open(String role, String url, String user, String password) {
        JdbcEndpoint endpoint = JdbcEndpoint.parse("--" + role, url);
        Properties props = new Properties();
        props.setProperty("user", user == null ? "" : user);
        props.setProperty("password", password == null ? "" : password);
        props.setProperty("connectTimeout", "10000");
        try {
            return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw explain(role, endpoint, user, e);
        }
    }

    static SetupException explain(String role, JdbcEndpoint endpoint, String user, SQLException e) {
        String passwordVariable = "LAGZERO_" + role.toUpperCase(Locale.ROOT) + "_PASSWORD";
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e.getErrorCode() == 1045 || state.equals("28000") || state.equals("28P01")) {
            return new SetupException("The " + role + " database at " + endpoint.hostAndPort() + " refused user '" + user
                    + "': wrong password or unknown user. Fix: set " + passwordVariable
                    + " (or " + role + "-password in the --config file) and check --" + role + "-user"
                    + (endpoint.scheme().equals("postgresql") ? "." : "; on MariaDB an anonymous user ''@'localhost' "
                    + "also shadows '" + user + "'@'%' (DROP USER ''@'localhost')."));
        }
        if (e.getErrorCode() == 1049 || state.equals("3D000")) {
            return new SetupException("The " + role + " database '" + endpoint.database() + "' does not exist on "
                    + endpoint.hostAndPort() + ". Fix: create it or correct the database name in --" + role + ".");
        }
        if (hasCause(e, UnknownHostException.class)) {
            return new SetupException("Cannot resolve the " + role + " host '" + endpoint.host()
                    + "'. Fix: correct the host name in --" + role + ".");
        }
        if (hasCause(e, ConnectException.class) || state.startsWith("08")) {
            return new SetupException("Cannot reach the " + role + " database at " + endpoint.hostAndPort()
                    + " (" + rootMessage(e) + "). Fix: check that the server is running and that --" + role
                    + " names the right host and port.");
        }
        return new SetupException("Cannot connect to the " + role + " database at " + endpoint.hostAndPort() + ": "
                + rootMessage(e), e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
