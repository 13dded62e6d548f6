package io.lagzero.e2e.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lagzero.connectclient.ConnectorStatus;
import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.verify.TableComparator;
import io.lagzero.control.verify.TableComparison;
import io.lagzero.e2e.OrdersWorkload;
import io.lagzero.e2e.Target;
import io.lagzero.e2e.connect.ConnectDeployment.Connectors;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sink.backfill.CopyState;
import io.lagzero.sink.event.TableId;
import io.lagzero.testkit.ConnectWorker;
import io.lagzero.testkit.DatabaseExtension;
import io.lagzero.testkit.KafkaExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The backfill spread over a Kafka Connect cluster: two workers run the connectors of
 * deploy/connect (Debezium without its own data snapshot, the sink with {@code backfill.tables})
 * with {@code tasks.max=3}. While an application writes, every task copies chunks; then one worker
 * is killed (SIGKILL) in the middle of the copy, the other takes its tasks over, they resume from
 * the copy state in the target, and the target ends identical to the source.
 */
class ConnectBackfillTest {
    private static final String DB = "spread";
    private static final int TASKS = 3;
    private static final int ROWS = 150_000;
    private static final List<String> TABLES = List.of("orders", "ledger", "events");

    @RegisterExtension
    static final DatabaseExtension<MariaDbServer> source = DatabaseExtension.mariaDbSource("spread-source");
    @RegisterExtension
    static final KafkaExtension kafka = new KafkaExtension("spread-kafka");

    @Test
    void twoWorkersShareTheBackfillAndTheOneLeftFinishesItAfterTheOtherIsKilled() throws Exception {
        source.createDatabase(DB);
        source.execute(DB, OrdersWorkload.CREATE, OrdersWorkload.seed(ROWS),
                // a composite key
                "CREATE TABLE ledger (account INT NOT NULL, entry BIGINT NOT NULL, amount DECIMAL(14,2) NOT NULL, "
                        + "memo VARCHAR(40) NULL, PRIMARY KEY (account, entry))",
                "INSERT INTO ledger SELECT seq % 997, seq, seq / 100, IF(seq % 3 = 0, NULL, CONCAT('entry ', seq)) "
                        + "FROM seq_1_to_" + ROWS,
                // a key that is not a number: one segment, copied chunk after chunk
                "CREATE TABLE events (id BINARY(16) PRIMARY KEY, at DATETIME(6) NOT NULL, payload JSON NULL)",
                "INSERT INTO events SELECT UNHEX(MD5(seq)), TIMESTAMP('2025-01-01') + INTERVAL seq SECOND, "
                        + "JSON_OBJECT('n', seq) FROM seq_1_to_" + ROWS);
        try (Target target = Target.postgres(DB);
                ConnectWorker first = worker("spread-a");
                ConnectWorker second = worker("spread-b")) {
            ConnectDeployment.Configs configs = ConnectDeployment.prepare(source, kafka.bootstrapServers(), target, DB,
                    "spread", "184060", "");
            Connectors names = configs.names();
            Map<String, String> sink = new HashMap<>(configs.sink().config());
            // Three tasks on two workers (the sample has two), and a rate limit per task so the copy is still
            // under way when a worker is killed, however fast this machine copies.
            sink.put("tasks.max", String.valueOf(TASKS));
            sink.put("backfill.max.rows.per.sec", "5000");
            try (OrdersWorkload writer = OrdersWorkload.start(source, DB, ROWS, 300)) {
                first.createConnector(names.source(), configs.source().config());
                first.createConnector(names.sink(), sink);
                first.awaitRunning(names.sink(), TASKS, Duration.ofMinutes(2));

                await("every task copies chunks").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> IntStream.range(0, TASKS).allMatch(task -> copiedBy(task, names.sink(), first, second) > 0));
                Map<Integer, Double> beforeKill = new HashMap<>();
                IntStream.range(0, TASKS).forEach(task -> beforeKill.put(task, copiedBy(task, names.sink(), first, second)));
                assertThat(unfinishedSegments(target)).as("segments left when the worker is killed").isPositive();
                PipelineStatus copying = ConnectDeployment.status(first, kafka.bootstrapServers(), target, names.source(),
                        names.sink(), 1);
                assertThat(copying.reason()).startsWith("backfill in progress: ");
                assertThat(copying.tables()).as("tables being copied, with their rows so far").anySatisfy(table -> {
                    assertThat(table.phase()).isEqualTo("backfill");
                    assertThat(table.snapshotRows()).isPositive();
                });
                second.kill();
                System.out.printf("CONNECT BACKFILL: rows copied per task before worker %s was killed: %s%n", "spread-b",
                        beforeKill);

                await("the surviving worker runs every task").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> first.status(names.sink()).isRunning(TASKS));
                await("the backfill finished").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> unfinishedSegments(target) == 0);
                writer.stop();
                awaitIdentical(first, target, names);
                assertThat(ConnectDeployment.status(first, kafka.bootstrapServers(), target, names.source(), names.sink(), 0)
                        .tables()).filteredOn(table -> TABLES.contains(table.table().substring(DB.length() + 1)))
                        .hasSize(TABLES.size()).allSatisfy(table -> assertThat(table.phase()).isEqualTo("streaming"));
                long copied = rowsCopied(target);
                System.out.printf("CONNECT BACKFILL: %d rows copied in all; application wrote %d changes%n", copied,
                        writer.writes());
                assertThat(copied).as("rows copied, each once but for chunks cut off by the kill")
                        .isGreaterThanOrEqualTo(3L * ROWS - writer.writes())
                        .isLessThanOrEqualTo(3L * ROWS + (writer.maxId() - ROWS) + 2L * TASKS * 5_000);
            }
        }
    }

    private static ConnectWorker worker(String name) {
        // One Connect cluster: the same group and internal topics for both workers.
        Map<String, String> cluster = Map.of("group.id", "spread-cluster", "config.storage.topic", "spread-configs",
                "offset.storage.topic", "spread-offsets", "status.storage.topic", "spread-status");
        return ConnectWorker.start(name, kafka.bootstrapServers(),
                ConnectWorker.classpath(Path.of("target", "connect-worker.classpath"),
                        Path.of("target", "connect-worker-logging.classpath")),
                List.of(Path.of("target", "connect-plugins")), cluster, Optional.empty());
    }

    /** Rows a sink task copied with the backfill, on whichever worker runs it (its plugin metrics). */
    private static double copiedBy(int task, String connector, ConnectWorker... workers) {
        double rows = 0;
        for (ConnectWorker worker : workers) {
            rows += worker.mbeanSum("kafka.connect:type=plugins,connector=" + connector + ",task=" + task + ",*",
                    "lagzero-backfill-rows-total");
        }
        return rows;
    }

    private static long unfinishedSegments(Target target) throws SQLException {
        return single(target, "SELECT COUNT(*) FROM " + CopyState.TABLE + " WHERE state <> 'done'");
    }

    private static long rowsCopied(Target target) throws SQLException {
        return single(target, "SELECT SUM(rows_copied) FROM " + CopyState.TABLE);
    }

    private static long single(Target target, String sql) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return -1; // no copy state yet
            }
            throw e;
        }
    }

    private static void awaitIdentical(ConnectWorker worker, Target target, Connectors names) {
        await("target identical to source").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String connector : List.of(names.source(), names.sink())) {
                ConnectorStatus status = worker.status(connector);
                assertThat(status.failure()).as(connector + " failed; worker log " + worker.log()).isEmpty();
            }
            List<TableComparison> comparisons = new ArrayList<>();
            try (Connection s = source.connect(DB); Connection t = target.connect()) {
                TableComparator comparator = new TableComparator(s, t, target.qualifier());
                for (String table : TABLES) {
                    comparisons.add(comparator.compare(new TableId(DB, table)));
                }
            }
            assertThat(comparisons).as(() -> comparisons.stream().map(c -> c.table().table() + ": " + c.summary())
                    .collect(Collectors.joining("; "))).allMatch(TableComparison::identical);
        });
    }
}
