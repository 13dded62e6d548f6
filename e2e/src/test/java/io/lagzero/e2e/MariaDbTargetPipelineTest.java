package io.lagzero.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lagzero.connector.TableId;
import io.lagzero.control.run.Pipeline;
import io.lagzero.sandbox.ServerDirs;
import io.lagzero.sandbox.db.MariaDbServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MariaDbTargetPipelineTest extends AbstractPipelineTest {
    @BeforeAll
    static void start() {
        startServers(Target.mariaDb("e2e"));
    }

    @Test
    void aTargetOutageOfThirtySecondsIsRetriedAndNothingIsLost() throws Exception {
        String db = "e2e_outage";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, OrdersWorkload.CREATE, OrdersWorkload.seed(1000));
        MariaDbServer targetServer = (MariaDbServer) target.server();
        Path dataDir = ServerDirs.fresh("e2e-outage");
        try (Pipeline pipeline = Pipeline.start(config(db, "outage", dataDir));
                OrdersWorkload writer = OrdersWorkload.start(source, db, 1000)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> pipeline.sinkProgress().appliedRows() >= 1000);
            targetServer.stop();
            long stoppedAt = System.nanoTime();
            await().atMost(Duration.ofMinutes(1)).pollDelay(Duration.ofSeconds(30)).until(() -> true);
            long writesDuringOutage = writer.writes();
            targetServer.start();
            assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
            assertThat(pipeline.failure()).as("the sink keeps retrying through the outage").isEmpty();
            await().atMost(Duration.ofMinutes(1)).until(() -> writer.writes() > writesDuringOutage + 500);
            writer.stop();
            awaitIdenticalIn(db, List.of(new TableId(db, "orders")), Duration.ofMinutes(2));
            assertThat(pipeline.failure()).isEmpty();
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
    }
}
