package io.lagzero.sink.connect;

import io.lagzero.testkit.MariaDbServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class MariaDbLagzeroSinkTaskTest extends AbstractLagzeroSinkTaskTest {
    private static MariaDbServer server;

    @BeforeAll
    static void startServer() {
        server = MariaDbServer.startTarget("sink-task-mariadb");
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
        return server.url(database) + "?sessionVariables=innodb_lock_wait_timeout=1";
    }

    @Override
    protected String user() {
        return MariaDbServer.USER;
    }

    @Override
    protected String password() {
        return MariaDbServer.PASSWORD;
    }

    @Override
    protected Connection connect(String database) throws SQLException {
        return server.connect(database);
    }
}
