package io.lagzero.e2e.readme;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbDistribution;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sandbox.db.PostgresServer;

/** README commands: Debian's MariaDB (10.11 on Debian 12) source, PostgreSQL target. */
class Debian1011ToPostgresReadmeTest extends AbstractReadmeContractTest {
    @Override
    MariaDbServer startSource() {
        assumeTrue(MariaDbServer.debianAvailable(), MariaDbDistribution.DEBIAN_NOT_INSTALLED);
        MariaDbServer source = MariaDbServer.startSource("readme-source-debian", MariaDbDistribution.DEBIAN);
        source.recordVersion();
        return source;
    }

    @Override
    DatabaseServer startTarget() {
        return PostgresServer.start("readme-target-postgres");
    }
}
