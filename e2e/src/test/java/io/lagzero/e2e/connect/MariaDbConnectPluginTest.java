package io.lagzero.e2e.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lagzero.control.verify.TableComparison;
import io.lagzero.e2e.Target;
import io.lagzero.e2e.connect.ConnectDeployment.Connectors;
import io.lagzero.sandbox.db.MariaDbServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MariaDbConnectPluginTest extends ConnectPluginTest {
    @BeforeAll
    static void start() {
        startServers(Target.mariaDb("shop"));
    }

    @Test
    void aTargetDownForThirtySecondsIsRetriedWhileTheTasksStayRunning() throws Exception {
        String db = "shop_outage";
        source.createDatabase(db);
        source.execute(db, "CREATE TABLE ledger (id INT PRIMARY KEY, amount DECIMAL(12,2) NOT NULL)",
                "INSERT INTO ledger SELECT seq, seq / 100 FROM seq_1_to_500");
        Connectors connectors = register(db, "lzoutage", "184056", "-outage");
        awaitIdentical(db);

        MariaDbServer targetServer = (MariaDbServer) target.server();
        targetServer.stop();
        source.execute(db, "INSERT INTO ledger SELECT 1000 + seq, seq FROM seq_1_to_300",
                "UPDATE ledger SET amount = amount + 1 WHERE id <= 100", "DELETE FROM ledger WHERE id BETWEEN 200 AND 249");
        await("30 s of target outage").pollDelay(Duration.ofSeconds(30)).atMost(Duration.ofMinutes(1)).until(() -> true);
        assertThat(worker.status(connectors.sink()).failure()).as("sink while the target is down").isEmpty();
        targetServer.start();

        awaitIdentical(db);
        assertRunning(connectors.source(), 1);
        assertRunning(connectors.sink(), SINK_TASKS);
    }

    private static void awaitIdentical(String db) {
        await("ledger identical").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<TableComparison> result;
            try {
                result = compare(db, List.of("ledger"));
            } catch (java.sql.SQLException e) {
                throw new AssertionError("cannot compare yet: " + e.getMessage(), e);
            }
            assertThat(result).allMatch(TableComparison::identical);
        });
    }
}
