package io.lagzero.sink.apply;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;

class MariaDbChangeApplierTest extends AbstractChangeApplierTest {
    @Override
    protected DatabaseServer startServer() {
        return MariaDbServer.startTarget("sink-apply-mariadb");
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
