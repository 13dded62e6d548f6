package io.lagzero.testkit;

import java.sql.Connection;
import java.sql.SQLException;

/** What tests and the demo need of a real database server, whichever kind it is. */
public interface DatabaseServer extends AutoCloseable {
    /** A JDBC URL for {@code database}. */
    String url(String database);

    String user();

    String password();

    void createDatabase(String database);

    Connection connect(String database) throws SQLException;

    /** Runs statements as {@link #user()}; for setting up tests and sandboxes. */
    void execute(String database, String... sql);

    @Override
    void close();
}
