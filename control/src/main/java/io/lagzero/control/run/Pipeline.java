package io.lagzero.control.run;

import io.lagzero.connector.EmbeddedSource;
import io.lagzero.connector.JdbcConnections;
import io.lagzero.connector.SourceDatabase;
import io.lagzero.connector.SourcePreflight;
import io.lagzero.connector.SourceProgress;
import io.lagzero.connector.SourceSettings;
import io.lagzero.connector.TableId;
import io.lagzero.sink.apply.ChangeApplier;
import io.lagzero.testkit.KafkaBroker;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded pipeline in one process: source MySQL/MariaDB → Debezium (embedded engine)
 * → Kafka → sink apply core → target. Checks the setup before it starts anything.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final PipelineConfig config;
    private KafkaBroker embeddedKafka;
    private String bootstrapServers;
    private SourceDatabase sourceDatabase;
    private ChangeApplier applier;
    private EmbeddedSource source;
    private SinkLoop sink;
    private Thread sinkThread;
    private Admin admin;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Pipeline(PipelineConfig config) {
        this.config = config;
    }

    public static Pipeline start(PipelineConfig config) {
        Pipeline pipeline = new Pipeline(config);
        try {
            pipeline.startParts();
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startParts() {
        LOG.info("Starting {}", config);
        checkTarget();
        sourceDatabase = SourcePreflight.check(config.source("unused:0"));
        LOG.info("Source is {} {}; replicating {}", sourceDatabase.flavor(), sourceDatabase.version(), sourceDatabase.tables());
        bootstrapServers = config.kafka().orElseGet(() -> {
            embeddedKafka = KafkaBroker.startPersistent(config.dataDir().resolve("kafka"));
            LOG.info("Embedded Kafka broker at {} with data in {}", embeddedKafka.bootstrapServers(), config.dataDir());
            return embeddedKafka.bootstrapServers();
        });
        admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "client.id", "lagzero-" + config.topicPrefix()));
        applier = new ChangeApplier(config.target());
        sink = new SinkLoop(bootstrapServers, config.sinkGroupId(), config.topicPrefix(), config.batchSize(), applier);
        sinkThread = new Thread(sink, "lagzero-sink");
        sinkThread.start();
        SourceSettings sourceSettings = config.source(bootstrapServers);
        source = EmbeddedSource.start(sourceSettings, sourceDatabase, Duration.ofMinutes(2));
    }

    private void checkTarget() {
        try (Connection ignored = JdbcConnections.open("target", config.targetUrl(), config.targetUser(), config.targetPassword())) {
            LOG.debug("Target reachable");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public SourceDatabase sourceDatabase() {
        return sourceDatabase;
    }

    public String topic(TableId table) {
        return config.topicPrefix() + "." + table.database() + "." + table.table();
    }

    public SourceProgress sourceProgress() {
        return source.progress();
    }

    public SinkProgress sinkProgress() {
        return sink.progress();
    }

    /** Why the pipeline stopped on its own, if it did. */
    public Optional<Throwable> failure() {
        return source.failure().or(sink::failure).or(() -> !sink.isRunning()
                ? Optional.of(new IllegalStateException("the sink stopped")) : Optional.empty());
    }

    /** Change events in Kafka that the sink has not yet committed to the target. */
    public long backlog() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.sinkGroupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = admin.listTopics().names().get().stream()
                    .filter(topic -> sourceDatabase.tables().stream().anyMatch(t -> topic(t).equals(topic)))
                    .flatMap(topic -> partitions(topic).entrySet().stream())
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            return ends.entrySet().stream().mapToLong(end -> {
                OffsetAndMetadata done = committed.get(end.getKey());
                return end.getValue().offset() - (done == null ? 0 : done.offset());
            }).sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the sink's backlog from Kafka: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Map<TopicPartition, OffsetSpec> partitions(String topic) {
        try {
            return admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException("Cannot describe topic " + topic, e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (source != null) {
            source.close();
        }
        if (sink != null) {
            sink.stop();
            try {
                sinkThread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (applier != null) {
            applier.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (embeddedKafka != null) {
            embeddedKafka.close();
        }
    }
}
