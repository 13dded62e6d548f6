package io.lagzero.sink.apply;

import io.lagzero.testkit.DatabaseServer;
import io.lagzero.testkit.PostgresServer;

class PostgresSchemaChangeTest extends AbstractSchemaChangeTest {
    @Override
    protected DatabaseServer startServer() {
        return PostgresServer.start("sink-ddl-postgres");
    }
}
