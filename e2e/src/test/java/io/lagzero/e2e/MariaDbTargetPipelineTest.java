package io.lagzero.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lagzero.control.run.Pipeline;
import io.lagzero.sandbox.ServerDirs;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sink.event.TableId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
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

    /**
     * Retention (here: deleteRecords, as retention deletes old segments) removes change events the
     * sink had not applied while lagzero run was stopped: the next run must not skip them silently.
     */
    @Test
    void changesKafkaDeletedBeforeTheSinkAppliedThemStopTheNextRunWithTheFix() throws Exception {
        String db = "e2e_expired";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, OrdersWorkload.CREATE, OrdersWorkload.seed(100));
        MariaDbServer targetServer = (MariaDbServer) target.server();
        Path dataDir = ServerDirs.fresh("e2e-expired");
        String topic = "expired." + db + ".orders";
        boolean targetStopped = false;
        try {
            try (Pipeline pipeline = Pipeline.start(config(db, "expired", dataDir))) {
                await().atMost(Duration.ofMinutes(1)).until(() -> pipeline.sinkProgress().appliedRows() >= 100);
                targetServer.stop();
                targetStopped = true;
                source.execute(db, "UPDATE orders SET amount = amount + 1 WHERE id <= 50");
                await().atMost(Duration.ofMinutes(1)).until(() -> pipeline.backlog() >= 50);
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                Map<TopicPartition, RecordsToDelete> everything = new HashMap<>();
                admin.listOffsets(latest).all().get()
                        .forEach((partition, end) -> everything.put(partition, RecordsToDelete.beforeOffset(end.offset())));
                admin.deleteRecords(everything).all().get();
            }
            targetServer.start();
            targetStopped = false;
            try (Pipeline pipeline = Pipeline.start(config(db, "expired", dataDir))) {
                await().atMost(Duration.ofMinutes(1)).until(() -> pipeline.failure().isPresent());
                assertThat(pipeline.failure().get().getMessage())
                        .startsWith("Kafka deleted change events the sink had not applied yet: " + topic + "-")
                        .contains("changes lost, most likely by retention", "Fix: replicate again from a new snapshot")
                        .doesNotContain("\n");
            }
        } finally {
            if (targetStopped) {
                targetServer.start();
            }
            ServerDirs.deleteRecursively(dataDir);
        }
    }
}
