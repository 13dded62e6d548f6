package io.lagzero.sink.apply;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;

class MariaDbSchemaChangeTest extends AbstractSchemaChangeTest {
    @Override
    protected DatabaseServer startServer() {
        return MariaDbServer.startTarget("sink-ddl-mariadb");
    }
}
