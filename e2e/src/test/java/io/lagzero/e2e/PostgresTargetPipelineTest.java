package io.lagzero.e2e;

import io.lagzero.testkit.PostgresServer;
import org.junit.jupiter.api.BeforeAll;

class PostgresTargetPipelineTest extends AbstractPipelineTest {
    @BeforeAll
    static void start() {
        startServers(Target.postgres("e2e"));
    }

    @Override
    void targetDatabase(String name) {
        ((PostgresServer) target.server()).createDatabase(name);
    }

    @Override
    String targetUrl(String database) {
        return ((PostgresServer) target.server()).url(database);
    }

    @Override
    String targetQualifier(String database) {
        return "public";
    }
}
