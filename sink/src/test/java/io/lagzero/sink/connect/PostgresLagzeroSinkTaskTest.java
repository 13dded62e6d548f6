package io.lagzero.sink.connect;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.PostgresServer;
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
    protected DatabaseServer server() {
        return server;
    }
}
