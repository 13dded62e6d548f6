package io.lagzero.control.run;

import io.lagzero.connector.ChangeEventJson;
import io.lagzero.sink.apply.ApplyException;
import io.lagzero.sink.apply.ApplyResult;
import io.lagzero.sink.apply.ChangeApplier;
import io.lagzero.sink.apply.RetryPolicy;
import io.lagzero.sink.connect.CachedSchemaJsonConverter;
import io.lagzero.sink.error.SqlErrors;
import io.lagzero.sink.lag.ChangeTiming;
import io.lagzero.sink.lag.LagTracker;
import io.lagzero.sink.lag.ReceivedBatch;
import io.lagzero.sink.metrics.ApplyMetrics;
import io.lagzero.sink.metrics.ApplyOutcomes;
import io.lagzero.sink.metrics.SinkMeters;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink half of the embedded pipeline: consumes the change topics and hands each poll to the
 * apply core, then commits exactly the offsets whose changes the target has committed.
 */
final class SinkLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkLoop.class);
    /**
     * The most changes fetched and applied in one target transaction: as the Connect sample sets
     * {@code consumer.override.max.poll.records} (deploy/connect/lagzero-sink.json).
     */
    static final int MAX_POLL_RECORDS = 2000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ChangeApplier applier;
    private final List<String> topics;
    private final Converter keyConverter = reader(true);
    private final Converter valueConverter = reader(false);
    private final SinkProgress progress = new SinkProgress();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<String> targetFailure = new AtomicReference<>();
    private final LagTracker tracker;
    private final SinkMeters meters;
    private final BacklogProbe backlog;
    private final RetryPolicy retries;
    private volatile boolean running = true;

    private static Converter reader(boolean isKey) {
        return ChangeEventJson.configured(new CachedSchemaJsonConverter(), isKey);
    }

    /**
     * @param topics exactly the change topics of the replicated tables (and the heartbeat's): never a
     *               pattern, which Debezium's own topics or another pipeline's could match
     */
    SinkLoop(String bootstrapServers, String groupId, String topicPrefix, List<String> topics, ChangeApplier applier,
            RetryPolicy retries, LagTracker tracker, SinkMeters meters) {
        this.applier = applier;
        this.retries = retries;
        this.tracker = tracker;
        this.meters = meters;
        this.backlog = new BacklogProbe(topicPrefix, tracker);
        this.topics = List.copyOf(topics);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // Static membership: a restarted runner gets its partitions back at once instead of waiting
        // for the crashed member's session to expire.
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, SinkGroup.instanceId(groupId));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putAll(StartPositions.CONSUMER_CONFIG);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(MAX_POLL_RECORDS));
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics);
            while (running) {
                ConsumerRecords<byte[], byte[]> polled = StartPositions.poll(consumer, Duration.ofMillis(500));
                backlog.measure(consumer);
                if (!polled.isEmpty()) {
                    List<SinkRecord> records = toSinkRecords(polled);
                    ReceivedBatch batch = tracker.received(ChangeTiming.of(records));
                    try {
                        applyWithRetries(records);
                    } catch (RuntimeException e) {
                        tracker.dropped(batch);
                        throw e;
                    }
                    tracker.applied(batch);
                    consumer.commitSync(nextOffsets(polled));
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure.compareAndSet(null, e);
            }
        } catch (StartPositions.ChangesDeletedException e) {
            LOG.error("The sink stopped: {}", e.getMessage());
            failure.compareAndSet(null, e);
        } catch (Exception e) {
            LOG.error("The sink stopped: {}", e.getMessage(), e);
            failure.compareAndSet(null, e);
        } finally {
            running = false;
            consumer.close();
        }
    }

    /**
     * Transient target failures (connection lost, deadlock, lock wait) are retried as the sink's
     * {@link RetryPolicy} says, with the partitions paused so the consumer stays in its group; anything
     * else, or a failure outlasting the retries, stops the sink with the apply core's message, which
     * names the table.
     */
    private void applyWithRetries(List<SinkRecord> records) {
        for (int retry = 1; ; retry++) {
            Timer.Sample sample = Timer.start();
            try {
                ApplyResult result = applier.apply(records);
                sample.stop(meters.applyTime());
                progress.record(result);
                ApplyOutcomes.count(meters.applyMetrics(), result);
                targetFailure.set(null);
                return;
            } catch (ApplyException e) {
                Optional<Duration> wait = retries.waitBefore(retry);
                if (SqlErrors.classify(e) != SqlErrors.Kind.TRANSIENT || !running) {
                    throw e;
                }
                if (wait.isEmpty()) {
                    throw new ApplyException(e.table(), "the target failed transiently " + retries.maxRetries()
                            + " times in a row (--max-retries, over " + retries.patience().toSeconds() + " s): "
                            + e.getMessage() + ". Fix: bring the target back, then start lagzero run again (it resumes "
                            + "where it stopped)", e);
                }
                targetFailure.set(e.getMessage());
                meters.applyMetrics().count(e.table() == null ? ApplyMetrics.UNKNOWN : e.table().toString(),
                        ApplyMetrics.Op.UNKNOWN, ApplyMetrics.Outcome.RETRIED, records.size());
                LOG.warn("The target failed transiently; retry {} of {} of {} changes in {} ms: {}", retry,
                        retries.maxRetries(), records.size(), wait.get().toMillis(), e.getMessage());
                waitPaused(wait.get());
            }
        }
    }

    /**
     * Polls with every partition paused, so the consumer stays in its group. A rebalance meanwhile
     * (a change topic created by its table's first change) assigns partitions unpaused, and a poll
     * may return their records: they are given back (seek to the first) and fetched again later.
     */
    private void waitPaused(Duration backoff) {
        consumer.pause(consumer.assignment());
        long until = System.nanoTime() + backoff.toNanos();
        for (long left = backoff.toMillis(); left > 0 && running; left = (until - System.nanoTime()) / 1_000_000) {
            ConsumerRecords<byte[], byte[]> early = StartPositions.poll(consumer, Duration.ofMillis(Math.min(left, 1000)));
            for (TopicPartition partition : early.partitions()) {
                consumer.seek(partition, early.records(partition).get(0).offset());
            }
            consumer.pause(consumer.assignment());
            backlog.measure(consumer);
        }
        consumer.resume(consumer.assignment());
    }

    private List<SinkRecord> toSinkRecords(ConsumerRecords<byte[], byte[]> polled) {
        List<SinkRecord> records = new ArrayList<>(polled.count());
        for (ConsumerRecord<byte[], byte[]> r : polled) {
            SchemaAndValue key = keyConverter.toConnectData(r.topic(), r.key());
            SchemaAndValue value = valueConverter.toConnectData(r.topic(), r.value());
            records.add(new SinkRecord(r.topic(), r.partition(), key.schema(), key.value(), value.schema(), value.value(),
                    r.offset(), r.timestamp(), r.timestampType()));
        }
        return records;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> polled) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(partition);
            offsets.put(partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
        }
        return offsets;
    }

    SinkProgress progress() {
        return progress;
    }

    /** The target's last transient failure, while the sink keeps retrying it; empty once a batch commits. */
    Optional<String> targetFailure() {
        return Optional.ofNullable(targetFailure.get());
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    boolean isRunning() {
        return running;
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }
}
