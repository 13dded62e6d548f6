package io.lagzero.sink.apply;

import io.lagzero.testkit.DatabaseServer;
import io.lagzero.testkit.MariaDbServer;

class MariaDbSchemaChangeTest extends AbstractSchemaChangeTest {
    @Override
    protected DatabaseServer startServer() {
        return MariaDbServer.startTarget("sink-ddl-mariadb");
    }
}
