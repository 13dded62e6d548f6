package io.lagzero.e2e.connect;

import io.lagzero.e2e.Target;
import org.junit.jupiter.api.BeforeAll;

class PostgresConnectPluginTest extends ConnectPluginTest {
    @BeforeAll
    static void start() {
        startServers(Target.postgres("shop"));
    }
}
