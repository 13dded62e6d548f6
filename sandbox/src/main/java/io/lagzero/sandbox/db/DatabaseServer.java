package io.lagzero.sandbox.db;

import io.lagzero.sandbox.ServerDirs;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the demo and the tests need of a real database server, whichever kind it is. Every server
 * runs in its own process with its data under a directory of ours ({@link ServerDirs}), and has an
 * administrator ({@link #user()}) that may do anything.
 */
public interface DatabaseServer extends AutoCloseable {
    /** A JDBC URL for {@code database}. */
    String url(String database);

    String user();

    String password();

    void createDatabase(String database);

    /** Which server this is in a message, e.g. {@code MariaDB on port 3307}. */
    String describe();

    /** A connection to {@code database} as {@link #user()}. */
    default Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user(), password());
    }

    /** Runs statements as {@link #user()}; for setting up tests and sandboxes. */
    default void execute(String database, String... sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    void close();
}
