package io.lagzero.e2e;

import org.junit.jupiter.api.BeforeAll;

class PostgresTargetPipelineTest extends AbstractPipelineTest {
    @BeforeAll
    static void start() {
        startServers(Target.postgres("e2e"));
    }
}
