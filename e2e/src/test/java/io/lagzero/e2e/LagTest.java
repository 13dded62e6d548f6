package io.lagzero.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lagzero.control.Lagzero;
import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.health.StatusJson;
import io.lagzero.control.run.MonitoringSettings;
import io.lagzero.control.run.Pipeline;
import io.lagzero.control.run.PipelineConfig;
import io.lagzero.sandbox.ServerDirs;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sink.source.TableSelector;
import io.lagzero.testkit.DatabaseExtension;
import io.lagzero.testkit.KafkaExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.DoubleSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Truthful lag on real servers: heartbeats through source → Kafka → sink → MariaDB target, lag
 * under load, when idle and while the target is down, as /metrics, /readyz and lagzero status show it.
 */
class LagTest {
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration BUDGET = Duration.ofSeconds(3);
    /** The default --max-lag: the load test writes as fast as one connection can, on a small shared machine. */
    private static final Duration LOAD_BUDGET = MonitoringSettings.MAX_LAG_DEFAULT;
    private static final String LAG = "lagzero_replication_lag_seconds";
    @RegisterExtension
    static final DatabaseExtension<MariaDbServer> source = DatabaseExtension.mariaDbSource("lag-source");
    @RegisterExtension
    static final KafkaExtension kafka = new KafkaExtension("lag-kafka");
    @RegisterExtension
    static final DatabaseExtension<MariaDbServer> target = DatabaseExtension.mariaDbTarget("lag-target");

    @Test
    void underLoadLagStaysLowAndWhenIdleItStaysWithinAHeartbeatInterval() throws Exception {
        String db = "lag_load";
        Path dataDir = database(db, "lagload");
        try (Pipeline pipeline = Pipeline.start(config(db, "lagload", dataDir), new MonitoringSettings(HEARTBEAT, LOAD_BUDGET, 0))) {
            int port = pipeline.httpPort();
            await().atMost(Duration.ofMinutes(2)).until(() -> Http.get(port, "/readyz").code() == 200);
            DoubleSummaryStatistics underLoad = new DoubleSummaryStatistics();
            long writes;
            long loadStarted = System.nanoTime();
            try (OrdersWorkload writer = OrdersWorkload.start(source.get(), db, 2000)) {
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                        .until(() -> sample(underLoad, lag(port)) && seconds(loadStarted) >= 20);
                writer.stop();
                writes = writer.writes();
            }
            double loadSeconds = seconds(loadStarted);
            long loadStopped = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> lag(port) <= HEARTBEAT.toMillis() / 1000.0);
            double backWithinInterval = seconds(loadStopped);
            DoubleSummaryStatistics idle = new DoubleSummaryStatistics();
            long idleStarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> sample(idle, lag(port)) && seconds(idleStarted) >= 10);
            System.out.printf("LAG under load (%.0f writes/s for %.0f s): mean %.3f s, max %.3f s; back within one "
                    + "heartbeat interval %.2f s after the load stopped; idle: mean %.3f s, min %.3f s, max %.3f s "
                    + "(heartbeat every %d ms)%n", writes / loadSeconds, loadSeconds, underLoad.getAverage(),
                    underLoad.getMax(), backWithinInterval, idle.getAverage(), idle.getMin(), idle.getMax(), HEARTBEAT.toMillis());
            assertThat(writes).as("the workload wrote").isGreaterThan(1000);
            assertThat(underLoad.getMax()).as("lag under load stays within the budget").isLessThan(LOAD_BUDGET.toMillis() / 1000.0);
            assertThat(underLoad.getAverage()).as("mean lag under load").isLessThan(2.0);
            assertThat(idle.getMax()).as("idle lag: one heartbeat interval plus the pipe's latency")
                    .isLessThan(HEARTBEAT.toMillis() / 1000.0 + 0.5);
            assertThat(idle.getMin()).as("the heartbeat keeps arriving").isLessThan(HEARTBEAT.toMillis() / 1000.0);
            PipelineStatus status = statusJson(port, 0);
            assertThat(status.state()).isEqualTo(PipelineStatus.State.HEALTHY);
            assertThat(status.snapshotFinished()).isTrue();
            assertThat(status.tables()).anySatisfy(table -> {
                assertThat(table.table()).isEqualTo(db + ".orders");
                assertThat(table.phase()).isEqualTo("streaming");
                assertThat(table.snapshotProgress()).isEqualTo(1.0);
                assertThat(table.sourceRows()).isEqualTo(2000L);
                assertThat(table.snapshotRows()).isEqualTo(2000L);
            });
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    @Test
    void withTheTargetStoppedLagGrowsAndReadyzNamesTheTargetThenLagFallsBack() throws Exception {
        String db = "lag_outage";
        Path dataDir = database(db, "lagout");
        try (Pipeline pipeline = Pipeline.start(config(db, "lagout", dataDir), new MonitoringSettings(HEARTBEAT, BUDGET, 0))) {
            int port = pipeline.httpPort();
            await().atMost(Duration.ofMinutes(2)).until(() -> Http.get(port, "/readyz").code() == 200);
            target.get().stop();
            long stopped = System.nanoTime();
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> lag(port) > 4);
                double first = lag(port);
                long firstAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> seconds(firstAt) >= 3);
                double second = lag(port);
                assertThat(second - first).as("lag grows with the clock while the target is down")
                        .isGreaterThan(seconds(firstAt) - 1.0);
                Http.Reply ready = Http.get(port, "/readyz");
                assertThat(ready.code()).isEqualTo(503);
                assertThat(ready.body()).contains("target");
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> Http.get(port, "/readyz").body().startsWith("target unreachable"));
                PipelineStatus status = statusJson(port, 1);
                assertThat(status.state()).isEqualTo(PipelineStatus.State.LAGGING);
                assertThat(status.reason()).startsWith("target unreachable");
                assertThat(Http.get(port, "/healthz").code()).as("lagging is not down").isEqualTo(200);
            } finally {
                target.get().start();
            }
            double outage = seconds(stopped);
            double lagAtRestart = lag(port);
            long restarted = System.nanoTime();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> lag(port) <= HEARTBEAT.toMillis() / 1000.0);
            System.out.printf("LAG target outage of %.1f s: lag %.1f s at restart, back within one heartbeat interval "
                    + "%.2f s after the target restarted%n", outage, lagAtRestart, seconds(restarted));
            assertThat(lagAtRestart).isGreaterThan(outage - 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(port, "/readyz").code() == 200);
            assertThat(statusJson(port, 0).state()).isEqualTo(PipelineStatus.State.HEALTHY);
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
        StringWriter err = new StringWriter();
        int exit = Lagzero.execute(new String[] {"status", "--url", "http://localhost:" + ServerDirs.freePort()},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(exit).as("unreachable").isEqualTo(2);
        assertThat(err.toString()).startsWith("lagzero: nothing answers at http://localhost:").contains("Fix: start lagzero run");
    }

    @Test
    void everyMetricInTheDashboardAndTheAlertRulesIsExported() throws Exception {
        String db = "lag_names";
        Path dataDir = database(db, "lagnames");
        Set<String> used = DeployedMetrics.usedBy(DeployedMetrics.Deployment.RUN);
        assertThat(used).contains(LAG, "lagzero_dlq_records_total", "lagzero_heartbeat_age_seconds");
        try (Pipeline pipeline = Pipeline.start(config(db, "lagnames", dataDir), new MonitoringSettings(HEARTBEAT, BUDGET, 0))) {
            int port = pipeline.httpPort();
            await().atMost(Duration.ofMinutes(2)).until(() -> Http.get(port, "/readyz").code() == 200);
            source.execute(db, "UPDATE orders SET amount = amount + 1 WHERE id <= 10", "DELETE FROM orders WHERE id = 11");
            await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(port, "/metrics").body()
                    .contains("lagzero_sink_records_total{op=\"delete\",outcome=\"applied\",table=\"" + db + ".orders\"}"));
            Set<String> exported = Http.metricNames(Http.get(port, "/metrics").body());
            assertThat(exported).as("metrics the dashboard and the alert rules use").containsAll(used);
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    private static PipelineStatus statusJson(int port, int expectedExit) throws IOException {
        StringWriter out = new StringWriter();
        int exit = Lagzero.execute(new String[] {"status", "--url", "http://localhost:" + port, "--json"},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        PipelineStatus status = StatusJson.read(out.toString());
        assertThat(exit).as("exit code of lagzero status --json: %s", out).isEqualTo(expectedExit);
        return status;
    }

    private static double lag(int port) {
        return Http.max(Http.get(port, "/metrics").body(), LAG, "");
    }

    private static boolean sample(DoubleSummaryStatistics statistics, double value) {
        statistics.accept(value);
        return true;
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static Path database(String db, String prefix) {
        source.createDatabase(db);
        target.createDatabase(db);
        source.execute(db, OrdersWorkload.CREATE, OrdersWorkload.seed(2000));
        return ServerDirs.fresh("lag-" + prefix);
    }

    /** Own prefix and data directory per measurement, on the class's shared Kafka broker. */
    private static PipelineConfig config(String db, String prefix, Path dataDir) {
        return PipelineConfig.of(source.url(db), MariaDbServer.USER, MariaDbServer.PASSWORD, target.url(db),
                MariaDbServer.USER, MariaDbServer.PASSWORD, TableSelector.parse(db + ".orders"),
                Optional.of(kafka.bootstrapServers()), dataDir, prefix, Map.of());
    }
}
