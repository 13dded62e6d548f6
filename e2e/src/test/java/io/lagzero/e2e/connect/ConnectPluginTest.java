package io.lagzero.e2e.connect;

import static io.lagzero.e2e.connect.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.lagzero.connectclient.ConnectorStatus;
import io.lagzero.connector.HeartbeatTable;
import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.verify.TableComparator;
import io.lagzero.control.verify.TableComparison;
import io.lagzero.e2e.DeployedMetrics;
import io.lagzero.e2e.Http;
import io.lagzero.e2e.Target;
import io.lagzero.e2e.TypeMatrix;
import io.lagzero.e2e.connect.ConnectDeployment.Connectors;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sink.event.TableId;
import io.lagzero.testkit.ConnectWorker;
import io.lagzero.testkit.DatabaseExtension;
import io.lagzero.testkit.KafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production shape: a real Kafka Connect worker (child JVM) loads Debezium's MariaDB
 * connector and our <b>packaged</b> sink plugin from its plugin.path; both connectors are
 * registered over the REST API from {@code deploy/connect/*.json}; a snapshot and then live
 * inserts, updates, deletes, primary-key changes and a new column reach the target, row for row,
 * and so does every column type of {@link TypeMatrix}, value for value;
 * rows the target rejects go to the dead-letter queue. One subclass per target database.
 */
abstract class ConnectPluginTest {
    private static final String DB = "shop";
    /** The source user of deploy/connect/README.md, with only the grants it lists. */
    private static final List<String> TABLES = List.of("customers", "orders", "order_lines", "matrix");
    static final int SINK_TASKS = 2;
    static final Duration CONVERGE = Duration.ofMinutes(3);
    /** heartbeat.interval.ms in deploy/connect/mariadb-source.json. */
    private static final double HEARTBEAT_SECONDS = 5.0;

    @RegisterExtension
    static final DatabaseExtension<MariaDbServer> source = DatabaseExtension.mariaDbSource("connect-source");
    @RegisterExtension
    static final KafkaExtension kafka = new KafkaExtension("connect-kafka");
    static Target target;
    static ConnectWorker worker;

    static void startServers(Target targetDatabase) {
        target = targetDatabase;
        worker = ConnectWorker.start("connect-worker", kafka.bootstrapServers(),
                ConnectWorker.classpath(Path.of("target", "connect-worker.classpath"),
                        Path.of("target", "connect-worker-logging.classpath")),
                List.of(Path.of("target", "connect-plugins")), Map.of(), Optional.of(new ConnectWorker.JmxExporter(
                        Path.of("target", "jmx-exporter", "jmx_prometheus_javaagent.jar"),
                        ConnectDeployment.DEPLOY.resolve("jmx-exporter/lagzero-connect.yml"))));
    }

    @AfterAll
    static void stopServers() throws Exception {
        Exception failure = null;
        for (AutoCloseable server : new AutoCloseable[] {worker, target}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        worker = null;
        target = null;
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    void bothPluginsFromThePluginPathReplicateSnapshotAndLiveChangesRowForRow() throws Exception {
        assertThat(worker.connectorPlugins()).contains("io.debezium.connector.mariadb.MariaDbConnector",
                "io.lagzero.sink.connect.LagzeroSinkConnector");
        source.createDatabase(DB);
        source.execute(DB, SCHEMA);
        source.execute(DB, SEED);
        source.execute(DB, TypeMatrix.SNAPSHOTTED);

        // The example values of deploy/connect/README.md (TOPIC_PREFIX=lagzero, SOURCE_SERVER_ID=184054, shop).
        String prefix = "lagzero";
        Connectors connectors = register(DB, prefix, "184054", "");

        source.execute(DB, WHILE_SNAPSHOTTING);
        awaitIdentical(connectors.source(), connectors.sink());

        source.execute(DB, STREAMING);
        source.execute(DB, TypeMatrix.STREAMED);
        for (int i = 0; i < 20; i++) {
            source.execute(DB, "UPDATE customers SET balance = balance + 0.0001 WHERE id = 1");
        }
        awaitIdentical(connectors.source(), connectors.sink());

        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            TypeMatrix.assertTargetKeepsEdgeValues(s, target.table("matrix"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(target.plainIndexes("customers")).containsOnly(entry("uq_email", List.of("email")));
            assertThat(target.plainIndexes("orders")).containsOnly(entry("ix_customer_placed", List.of("customer_id", "placed")));
        });
        assertRunning(connectors.source(), 1);
        assertRunning(connectors.sink(), SINK_TASKS);
        assertKafkaSide(prefix, connectors.sink());
        assertThat(worker.mbeanAttributes("kafka.connect:type=plugins,connector=" + connectors.sink() + ",*"))
                .as("the sink's meters as Connect plugin metrics (JMX)")
                .anyMatch(a -> a.startsWith("lagzero-sink-records-total{") && a.contains("table=" + DB + ".orders")
                        && a.contains("outcome=applied"))
                .anyMatch(a -> a.startsWith("lagzero-replication-lag-seconds{") && a.contains("table=" + DB + ".customers"))
                .anyMatch(a -> a.startsWith("lagzero-sink-apply-seconds-count{"))
                .anyMatch(a -> a.startsWith("lagzero-capture-lag-seconds{"));
        assertThat(Files.readString(worker.log())).as("passwords in the worker log " + worker.log())
                .doesNotContain(ConnectDeployment.SOURCE_PASSWORD, MariaDbServer.PASSWORD);
    }

    void assertRunning(String connector, int tasks) {
        ConnectorStatus status = worker.status(connector);
        assertThat(status.isRunning(tasks)).as("%s and %d tasks RUNNING: %s", connector, tasks, status).isTrue();
    }

    /** Nothing in the dead-letter queue; every sink task owns partitions; table topics have 3. */
    private void assertKafkaSide(String prefix, String sinkConnector) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(endOffsets(admin, prefix + "-dlq")).as("records in the dead-letter queue").isZero();
            // A topic matching topics.regex may have just appeared (the heartbeat's): wait out that rebalance.
            awaitSinkGroup(admin, sinkConnector, "every sink task owns partitions", members -> members.size() == SINK_TASKS
                    && members.stream().allMatch(member -> !member.assignment().topicPartitions().isEmpty()));
            String orders = prefix + "." + DB + ".orders";
            assertThat(admin.describeTopics(Set.of(orders)).allTopicNames().get().get(orders).partitions()).hasSize(3);
        }
    }

    /** Waits until the sink connector's consumer group members satisfy {@code condition}. */
    private static void awaitSinkGroup(Admin admin, String sinkConnector, String what,
            Predicate<Collection<MemberDescription>> condition) {
        String groupId = "connect-" + sinkConnector;
        await(what).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> condition.test(
                admin.describeConsumerGroups(Set.of(groupId)).describedGroups().get(groupId).get().members()));
    }

    @Test
    void rowsTheTargetRejectsGoToTheDeadLetterQueueAndTheOthersFlow() throws Exception {
        String db = DB + "_dlq";
        source.createDatabase(db);
        source.execute(db, "CREATE TABLE scores (id INT PRIMARY KEY, points INT NOT NULL, note VARCHAR(20) NULL)",
                "INSERT INTO scores SELECT seq, IF(seq = 13, -5, seq), NULL FROM seq_1_to_100");
        // The target already has the table, with a rule the source does not know.
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + target.table("scores")
                    + " (id INT PRIMARY KEY, points INT NOT NULL CHECK (points >= 0), note VARCHAR(20) NULL)");
        }
        // Other tests' connectors share this worker and Kafka: a prefix and server id of its own.
        String prefix = "lzdlq" + target.dialect().name();
        // Debezium's snapshot instead of the samples' backfill: its row 13, which the target rejects, then goes to
        // the dead-letter queue like any record (the backfill stops on such a row, naming it: docs/backfill.md).
        Connectors connectors = register(db, prefix, "184055", "-dlq",
                Map.of("snapshot.mode", "initial", "backfill.tables", ""));
        source.execute(db, "INSERT INTO scores VALUES (200, -1, 'rejected')", "UPDATE scores SET points = -2 WHERE id = 50",
                "INSERT INTO scores VALUES (201, 7, 'after')");

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            await("3 records in the dead-letter queue").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> endOffsets(admin, prefix + "-dlq") == 3);
        }
        assertDeadLettersCarryTheirReasonAndOrigin(prefix + "-dlq", prefix + "." + db + ".scores", 3);
        await("the change after the rejected ones applied").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
                .until(() -> targetText("SELECT note FROM " + target.table("scores") + " WHERE id = 201"), "after"::equals);
        assertThat(targetText("SELECT COUNT(*) FROM " + target.table("scores"))).isEqualTo("100");
        assertThat(targetText("SELECT COUNT(*) FROM " + target.table("scores") + " WHERE id IN (13, 200)")).isEqualTo("0");
        assertThat(targetText("SELECT points FROM " + target.table("scores") + " WHERE id = 50")).isEqualTo("50");
        assertRunning(connectors.source(), 1);
        assertRunning(connectors.sink(), SINK_TASKS);
    }

    /**
     * With {@code errors.deadletterqueue.context.headers.enable=true} (deploy/connect/lagzero-sink.json)
     * each dead letter names the failure and points at a distinct original record, which it copies.
     */
    private static void assertDeadLettersCarryTheirReasonAndOrigin(String dlq, String sourceTopic, int count) {
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers())) {
            List<ConsumerRecord<byte[], byte[]>> deadLetters = reader.read(dlq, count);
            for (ConsumerRecord<byte[], byte[]> deadLetter : deadLetters) {
                assertThat(header(deadLetter, "__connect.errors.exception.class.name"))
                        .isEqualTo("io.lagzero.sink.apply.ApplyException");
                assertThat(header(deadLetter, "__connect.errors.exception.message"))
                        .contains("Cannot apply changes to target table").contains("scores")
                        .containsPattern("SQLState 23[0-9A-Z]{3}");
                assertThat(header(deadLetter, "__connect.errors.topic")).isEqualTo(sourceTopic);
                ConsumerRecord<byte[], byte[]> original = reader.readAt(sourceTopic,
                        Integer.parseInt(header(deadLetter, "__connect.errors.partition")),
                        Long.parseLong(header(deadLetter, "__connect.errors.offset")));
                assertThat(deadLetter.key()).as("key of the original record").isEqualTo(original.key());
                assertThat(deadLetter.value()).as("value of the original record").isEqualTo(original.value());
            }
            assertThat(deadLetters).extracting(r -> header(r, "__connect.errors.partition") + "@"
                    + header(r, "__connect.errors.offset")).as("original positions").doesNotHaveDuplicates();
        }
    }

    /**
     * Lag through Connect on an idle source: Debezium's heartbeat.action.query keeps rewriting the
     * heartbeat row, so it keeps advancing in the target and the sink's lag stays within about one
     * heartbeat interval; the JMX exporter serves every metric the dashboard and the Connect alert
     * rules use; {@code lagzero status --connect-url} says healthy, then lagging while the sink is
     * paused, then failed for a connector that does not exist.
     */
    @Test
    void onAnIdleSourceTheHeartbeatKeepsTheLagWithinAnIntervalAndStatusAndTheExporterShowIt() throws Exception {
        String db = DB + "_lag";
        source.createDatabase(db);
        source.execute(db, "CREATE TABLE items (id INT PRIMARY KEY, qty INT NOT NULL)",
                "INSERT INTO items SELECT seq, seq FROM seq_1_to_100");
        String prefix = "lzlag" + target.dialect().name();
        Connectors connectors = register(db, prefix, "184057", "-lag");
        source.execute(db, "UPDATE items SET qty = qty + 1 WHERE id <= 10", "DELETE FROM items WHERE id = 11");
        String table = "table=\"" + db + ".items\"";
        await("the changes applied, as the JMX exporter shows them").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.get(worker.metricsUrl()).body().lines().anyMatch(line -> line.startsWith("lagzero_sink_records_total{")
                        && line.contains("op=\"delete\"") && line.contains("outcome=\"applied\"") && line.contains(table)));
        String scrape = Http.get(worker.metricsUrl()).body();
        assertThat(Http.metricNames(scrape)).as("metrics the dashboard and the alert rules use, in the exporter's scrape")
                .containsAll(DeployedMetrics.usedBy(DeployedMetrics.Deployment.CONNECT));
        assertThat(scrape).contains("kafka_connect_connector_task_status{connector=\"" + connectors.sink() + "\",status=\"running\",task=\"1\"} 1.0");

        // The sink picks up the heartbeat topic within consumer.override.metadata.max.age.ms (10 s), and
        // the rebalance that follows moves partitions between the tasks: sample only after it. Until
        // then a task reports its idle lag as not known (NaN) or as the time since it started.
        String heartbeatTopic = prefix + "." + db + "." + HeartbeatTable.NAME;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            awaitSinkGroup(admin, connectors.sink(), "a sink task owns the heartbeat topic", members -> members.stream()
                    .anyMatch(m -> m.assignment().topicPartitions().stream().anyMatch(p -> p.topic().equals(heartbeatTopic))));
        }
        // Idle lag is known where the heartbeat arrives: the heartbeat table's own series (a table whose
        // changes all went to another task has no known idle lag there, NaN).
        String heartbeatTable = "table=\"" + db + "." + HeartbeatTable.NAME + "\"";
        await("a sink task receives the heartbeat").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> Http.max(Http.get(worker.metricsUrl()).body(), "lagzero_replication_lag_seconds",
                        heartbeatTable) < HEARTBEAT_SECONDS + 2.5);
        long beatsBefore = heartbeatBeats(prefix);
        DoubleSummaryStatistics idle = new DoubleSummaryStatistics();
        long idleStarted = System.nanoTime();
        int[] unknown = {0};
        await("20 s of an idle source").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                idle.accept(Http.max(Http.get(worker.metricsUrl()).body(), "lagzero_replication_lag_seconds", heartbeatTable));
            } catch (AssertionError noKnownSample) {
                unknown[0]++; // the heartbeat partition moved to a task that has not received a heartbeat yet
            }
            return System.nanoTime() - idleStarted >= Duration.ofSeconds(20).toNanos();
        });
        long beatsAfter = heartbeatBeats(prefix);
        System.out.printf("LAG through Kafka Connect, idle source, heartbeat every %.0f s: %d heartbeats applied in 20 s; "
                + "lag of %s mean %.2f s, min %.2f s, max %.2f s; %d of %d scrapes without a known value%n", HEARTBEAT_SECONDS,
                beatsAfter - beatsBefore, heartbeatTable, idle.getAverage(), idle.getMin(), idle.getMax(), unknown[0],
                idle.getCount() + unknown[0]);
        assertThat(beatsAfter - beatsBefore).as("heartbeats applied in the target while the source is idle").isGreaterThanOrEqualTo(2);
        // Seen in a full suite run (not alone): 11 of 38 scrapes unknown, while a sink-group rebalance
        // moved the heartbeat partition; the new owner knows its idle lag from its first heartbeat on.
        assertThat(unknown[0]).as("scrapes without a known idle lag, of %d", idle.getCount() + unknown[0])
                .isLessThanOrEqualTo((int) idle.getCount());
        assertThat(idle.getMax()).as("idle lag: one heartbeat interval, plus the binlog's own heartbeat period (1.6 s) "
                + "and the pipe's latency").isLessThan(HEARTBEAT_SECONDS + 2.5);

        PipelineStatus healthy = connectStatus(connectors, connectors.sink(), 0);
        assertThat(healthy.heartbeatAgeSeconds()).isLessThan(HEARTBEAT_SECONDS + 2.5);
        assertThat(healthy.heartbeatIntervalSeconds()).isEqualTo(HEARTBEAT_SECONDS);
        // A heartbeat may be on its way (one every 5 s); the table itself has nothing waiting.
        assertThat(healthy.tables()).anySatisfy(t -> assertThat(t.table() + " " + t.backlogRecords()).isEqualTo(db + ".items 0"));

        worker.rest().pause(connectors.sink());
        source.execute(db, "UPDATE items SET qty = qty + 1");
        await("status: lagging while the sink is paused").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    PipelineStatus paused = connectStatus(connectors, connectors.sink(), 1);
                    assertThat(paused.reason()).startsWith("connector not running: " + connectors.sink());
                    assertThat(paused.tables()).as("the update waits in Kafka (heartbeats too)")
                            .anySatisfy(t -> assertThat(t.table() + " " + t.backlogRecords()).isEqualTo(db + ".items 99"));
                });
        worker.rest().resume(connectors.sink());
        await("status: healthy again once resumed").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(connectStatus(connectors, connectors.sink(), 0).backlogRecords()).isZero());
        assertThat(connectStatus(connectors, "no-such-sink", 2).reason())
                .isEqualTo("pipeline stopped: connector no-such-sink does not exist at " + worker.rest().url());
    }

    private static long heartbeatBeats(String pipeline) throws SQLException {
        String beats = targetText("SELECT beats FROM " + target.table(HeartbeatTable.NAME) + " WHERE pipeline = '" + pipeline + "'");
        return beats == null ? 0 : Long.parseLong(beats);
    }

    private static PipelineStatus connectStatus(Connectors connectors, String sink, int expectedExit) throws Exception {
        return ConnectDeployment.status(worker, kafka.bootstrapServers(), target, connectors.source(), sink, expectedExit);
    }

    /**
     * Both connectors from deploy/connect/*.json, registered over the REST API, RUNNING; first, as
     * deploy/connect/README.md says, a source user with the grants it lists (a user per connector
     * pair, since tests share the source) and the heartbeat table their heartbeat.action.query writes.
     *
     * @param overrides keys that replace the samples' values, in both connectors
     */
    Connectors register(String db, String prefix, String serverId, String nameSuffix, Map<String, String> overrides)
            throws Exception {
        ConnectDeployment.Configs configs = ConnectDeployment.prepare(source, kafka.bootstrapServers(), target, db, prefix,
                serverId, nameSuffix);
        Map<String, String> sourceConfig = new HashMap<>(configs.source().config());
        Map<String, String> sinkConfig = new HashMap<>(configs.sink().config());
        overrides.forEach((key, value) -> {
            sourceConfig.computeIfPresent(key, (k, v) -> value);
            sinkConfig.computeIfPresent(key, (k, v) -> value);
        });
        Connectors names = configs.names();
        assertThat(worker.validate(names.sink(), sinkConfig)).as("sink config validation errors").isEmpty();
        worker.createConnector(names.source(), sourceConfig);
        worker.createConnector(names.sink(), sinkConfig);
        worker.awaitRunning(names.source(), 1, Duration.ofMinutes(1));
        worker.awaitRunning(names.sink(), SINK_TASKS, Duration.ofMinutes(1));
        return names;
    }

    Connectors register(String db, String prefix, String serverId, String nameSuffix) throws Exception {
        return register(db, prefix, serverId, nameSuffix, Map.of());
    }

    private static String targetText(String sql) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void awaitIdentical(String... connectors) {
        await("target identical to source").atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String connector : connectors) {
                ConnectorStatus status = worker.status(connector);
                assertThat(status.failure()).as(connector + " failed; worker log " + worker.log()).isEmpty();
            }
            List<TableComparison> comparisons;
            try {
                comparisons = compare();
            } catch (SQLException e) {
                throw new AssertionError("cannot compare yet (tables not created?): " + e.getMessage(), e);
            }
            assertThat(comparisons).as(() -> comparisons.stream().map(c -> c.table().table() + ": " + c.summary())
                    .collect(Collectors.joining("; "))).allMatch(TableComparison::identical);
        });
    }

    private List<TableComparison> compare() throws SQLException {
        return compare(DB, TABLES);
    }

    static List<TableComparison> compare(String db, List<String> tables) throws SQLException {
        List<TableComparison> results = new ArrayList<>();
        try (Connection s = source.connect(db);
                Connection t = target.connect()) {
            TableComparator comparator = new TableComparator(s, t, target.qualifier());
            for (String table : tables) {
                results.add(comparator.compare(new TableId(db, table)));
            }
        }
        return results;
    }

    private static long endOffsets(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    private static final String[] SCHEMA = {
        "CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200) NULL,"
                + " balance DECIMAL(14,4) NOT NULL DEFAULT 0, created DATETIME(6) NOT NULL, vip TINYINT(1) NOT NULL DEFAULT 0,"
                + " UNIQUE KEY uq_email (email))",
        "CREATE TABLE orders (id BIGINT UNSIGNED PRIMARY KEY, customer_id INT NOT NULL, amount DECIMAL(20,6) NOT NULL,"
                + " status ENUM('new','paid','shipped','cancelled') NOT NULL, signature VARBINARY(32) NULL, note TEXT NULL,"
                + " placed DATETIME(3) NOT NULL, KEY ix_customer_placed (customer_id, placed))",
        "CREATE TABLE order_lines (order_id BIGINT UNSIGNED NOT NULL, line SMALLINT NOT NULL, sku CHAR(8) NOT NULL,"
                + " qty INT NOT NULL, PRIMARY KEY (order_id, line))",
    };

    /** Rows the initial snapshot carries. */
    private static final String[] SEED = {
        "INSERT INTO customers (name, email, balance, created, vip) SELECT CONCAT('customer ', seq),"
                + " IF(seq % 5 = 0, NULL, CONCAT('c', seq, '@example.com')), seq * 1.2345,"
                + " TIMESTAMP('2024-01-01 00:00:00') + INTERVAL seq SECOND + INTERVAL seq MICROSECOND, seq % 7 = 0"
                + " FROM seq_1_to_1000",
        "INSERT INTO orders SELECT seq, 1 + seq % 1000, seq * 10.000001, ELT(1 + seq % 4, 'new', 'paid', 'shipped', 'cancelled'),"
                + " UNHEX(SHA2(seq, 256)), IF(seq % 3 = 0, NULL, CONCAT('note ✓ ', seq)),"
                + " TIMESTAMP('2025-06-01 12:00:00.123') + INTERVAL seq MINUTE FROM seq_1_to_3000",
        "INSERT INTO order_lines SELECT 1 + seq DIV 3, seq % 3, LPAD(seq, 8, '0'), seq % 9 + 1 FROM seq_0_to_2999",
    };

    /** Changes made right after the connectors start, while the snapshot may still run. */
    private static final String[] WHILE_SNAPSHOTTING = {
        "INSERT INTO customers (name, email, balance, created) SELECT CONCAT('live ', seq), NULL, 0, NOW(6) FROM seq_1_to_200",
        "UPDATE orders SET status = 'paid', amount = amount + 0.000001 WHERE id % 10 = 0",
        "DELETE FROM order_lines WHERE order_id BETWEEN 100 AND 150",
    };

    /** Changes once the target has caught up: inserts, updates, deletes, primary-key changes, a new column. */
    private static final String[] STREAMING = {
        "INSERT INTO orders (id, customer_id, amount, status, signature, note, placed)"
                + " SELECT 10000 + seq, seq, 99.5, 'new', NULL, 'late', NOW(3) FROM seq_1_to_300",
        "UPDATE customers SET email = CONCAT('changed', id, '@example.org'), vip = 1 WHERE id <= 100",
        "UPDATE orders SET note = NULL, signature = NULL WHERE id BETWEEN 1 AND 50",
        "DELETE FROM customers WHERE id BETWEEN 500 AND 549",
        "DELETE FROM orders WHERE status = 'cancelled' AND id < 1000",
        "UPDATE customers SET id = id + 100000 WHERE id BETWEEN 10 AND 19",
        "UPDATE order_lines SET line = line + 10 WHERE order_id = 7",
        "UPDATE orders SET id = 50000 WHERE id = 42",
        "INSERT INTO order_lines VALUES (50000, 0, 'NEWSKU01', 1)",
        // schema.evolution=basic: a new nullable column reaches the target table
        "ALTER TABLE customers ADD COLUMN tier SMALLINT NULL",
        "UPDATE customers SET tier = id % 3 WHERE id <= 300",
        "INSERT INTO customers (name, email, balance, created, tier) VALUES ('after alter', NULL, 1, NOW(6), 2)",
    };
}
