package io.lagzero.sink.connect;

import io.lagzero.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresLagzeroSinkTaskTest extends AbstractLagzeroSinkTaskTest {
    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start("sink-task-postgres");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected String createDatabase(String database) {
        server.createDatabase(database);
        return server.url(database) + "?options=-c%20lock_timeout%3D1000";
    }

    @Override
    protected String user() {
        return PostgresServer.USER;
    }

    @Override
    protected String password() {
        return PostgresServer.PASSWORD;
    }

    @Override
    protected Connection connect(String database) throws SQLException {
        return server.connect(database);
    }
}
