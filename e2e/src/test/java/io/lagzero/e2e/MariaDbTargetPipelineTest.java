package io.lagzero.e2e;

import io.lagzero.testkit.MariaDbServer;
import org.junit.jupiter.api.BeforeAll;

class MariaDbTargetPipelineTest extends AbstractPipelineTest {
    @BeforeAll
    static void start() {
        startServers(Target.mariaDb("e2e"));
    }

    @Override
    void targetDatabase(String name) {
        ((MariaDbServer) target.server()).createDatabase(name);
    }

    @Override
    String targetUrl(String database) {
        return ((MariaDbServer) target.server()).url(database);
    }

    @Override
    String targetQualifier(String database) {
        return database;
    }
}
