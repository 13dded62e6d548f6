package io.lagzero.sink.apply;

import io.lagzero.testkit.MariaDbServer;
import java.sql.Connection;
import java.sql.SQLException;

class MariaDbChangeApplierTest extends AbstractChangeApplierTest {
    private MariaDbServer server;

    @Override
    protected void startTarget() {
        server = MariaDbServer.startTarget("sink-apply-mariadb");
        server.createDatabase("app");
    }

    @Override
    protected void stopTarget() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected TargetSettings settings() {
        return new TargetSettings(server.url("app"), MariaDbServer.USER, MariaDbServer.PASSWORD);
    }

    @Override
    protected Connection connect() throws SQLException {
        return server.connect("app");
    }

    @Override
    protected String epochSeconds(String column) {
        return "UNIX_TIMESTAMP(" + column + ")";
    }

    @Override
    protected String timeSeconds(String column) {
        return "TIME_TO_SEC(" + column + ")";
    }

    @Override
    protected String text(String column) {
        return "CAST(" + column + " AS CHAR)";
    }

    @Override
    protected String bitText(String column) {
        return "BIN(" + column + ")";
    }
}
