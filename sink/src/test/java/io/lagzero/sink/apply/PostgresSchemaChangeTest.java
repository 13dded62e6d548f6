package io.lagzero.sink.apply;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.PostgresServer;

class PostgresSchemaChangeTest extends AbstractSchemaChangeTest {
    @Override
    protected DatabaseServer startServer() {
        return PostgresServer.start("sink-ddl-postgres");
    }
}
