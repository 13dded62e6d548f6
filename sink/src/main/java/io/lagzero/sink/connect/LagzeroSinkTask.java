package io.lagzero.sink.connect;

import io.lagzero.sink.apply.ApplyException;
import io.lagzero.sink.apply.ChangeApplier;
import io.lagzero.sink.apply.RetryPolicy;
import io.lagzero.sink.backfill.BackfillRunner;
import io.lagzero.sink.error.SqlErrors;
import io.lagzero.sink.event.ChangeEventDecoder;
import io.lagzero.sink.event.KafkaPosition;
import io.lagzero.sink.event.Operation;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.event.UndecodableRecordException;
import io.lagzero.sink.lag.ChangeTiming;
import io.lagzero.sink.lag.LagTracker;
import io.lagzero.sink.lag.ReceivedBatch;
import io.lagzero.sink.metrics.ApplyMetrics;
import io.lagzero.sink.metrics.ApplyMetrics.Op;
import io.lagzero.sink.metrics.ApplyMetrics.Outcome;
import io.lagzero.sink.metrics.ApplyOutcomes;
import io.lagzero.sink.metrics.CountingApplyMetrics;
import io.lagzero.sink.metrics.SinkMeters;
import io.lagzero.sink.source.TableSelector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each {@link #put} batch to the target in one transaction through {@link ChangeApplier}.
 * When put returns, every record of the batch is committed in the target or was handed to the
 * errant record reporter, so {@link #preCommit} reports exactly those offsets. A transient failure
 * asks Connect to deliver the batch again (bounded by {@code max.retries}) without the records
 * already sent to the dead-letter queue; a permanent one is narrowed down by bisection to the
 * records at fault, while every other record is applied.
 */
public final class LagzeroSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(LagzeroSinkTask.class);

    private final CountingApplyMetrics counts = new CountingApplyMetrics();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final LagTracker tracker = new LagTracker(Clock.systemUTC());
    private ApplyMetrics metrics = counts;
    private SinkMeters meters;
    private final ChangeEventDecoder decoder = new ChangeEventDecoder();
    private final Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
    private final Set<TopicPartition> owned = new HashSet<>();
    private SinkSettings settings;
    private ChangeApplier applier;
    private DeadLetters deadLetters;
    private String name;
    private int retries;
    private BackfillRunner backfill;
    private final AtomicBoolean streamed = new AtomicBoolean();

    @Override
    public String version() {
        return Version.current();
    }

    @Override
    public void start(Map<String, String> props) {
        name = props.getOrDefault("name", "lagzero-sink");
        settings = new LagzeroSinkConfig(props).settings();
        deadLetters = new DeadLetters(errantRecordReporter());
        applier = new ChangeApplier(settings.target(), "lagzero-sink-" + name);
        meters = new SinkMeters(registry, tracker);
        metrics = ApplyMetrics.all(counts, meters.applyMetrics());
        trackHeartbeatOwnership();
        publishMetrics();
        try {
            settings.backfillTables().ifPresent(this::startBackfill);
        } catch (RuntimeException e) {
            applier.close();
            throw e;
        }
        LOG.info("Task of {} started: {}; bad records go to {}", name, settings,
                deadLetters.enabled() ? "the errant record reporter" : "nowhere (errors.tolerance=none): the task fails on one");
    }

    /**
     * Copies the selected tables beside the stream, once a change streamed from the binlog has
     * reached this task or another task planned the copy; the copy state in the target shares the
     * chunks among all tasks.
     */
    private void startBackfill(TableSelector selector) {
        List<TableId> tables;
        try (Connection source = settings.target().sourceCatalog().connect()) {
            tables = selector.select(source);
        } catch (SQLException e) {
            throw new ConnectException("Cannot list the tables of " + LagzeroSinkConfig.BACKFILL_TABLES + " on the source: "
                    + e.getMessage() + ". Fix: check " + LagzeroSinkConfig.SOURCE_CONNECTION_URL + " and the source user's "
                    + "grants", e);
        }
        if (tables.isEmpty()) {
            throw new ConnectException("No table on the source matches " + LagzeroSinkConfig.BACKFILL_TABLES + "="
                    + String.join(",", selector.patterns()) + ". Fix: check the database and table names (the source user "
                    + "must be able to see them)");
        }
        tracker.copyByBackfill();
        applier.copiesByBackfill();
        backfill = BackfillRunner.start(settings.backfill(), settings.target(), applier, tables, streamed::get, tracker);
    }

    /** Through the worker's metrics (JMX); workers before Kafka 4.1 have no plugin metrics. */
    private void publishMetrics() {
        PluginMetrics plugin;
        try {
            plugin = context.pluginMetrics();
        } catch (NoSuchMethodError | NoClassDefFoundError | UnsupportedOperationException e) {
            plugin = null;
        }
        if (plugin == null) {
            LOG.info("{}: this Connect worker offers no plugin metrics; lag and outcome meters stay internal", name);
            return;
        }
        PluginMetricsBridge.bind(registry, plugin);
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;
        }
    }

    /** The outcome counters this task keeps (also published as plugin metrics). */
    public CountingApplyMetrics metrics() {
        return counts;
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (backfill != null) {
            backfill.failure().ifPresent(e -> {
                throw new ConnectException("The backfill stopped: " + e.getMessage(), e);
            });
        }
        if (records.isEmpty()) {
            return;
        }
        List<SinkRecord> batch = List.copyOf(records);
        List<SinkRecord> pending = deadLetters.notReported(batch);
        List<ChangeTiming> timings = ChangeTiming.of(pending);
        if (!streamed.get() && timings.stream().anyMatch(t -> t.snapshot() == ChangeTiming.SnapshotMark.STREAMING)) {
            LOG.info("{}: received a change streamed from the binlog", name);
            streamed.set(true);
        }
        ReceivedBatch received = tracker.received(timings);
        try {
            if (!pending.isEmpty()) {
                Timer.Sample sample = Timer.start(registry);
                applyOrNarrow(pending);
                sample.stop(meters.applyTime());
            }
        } catch (RuntimeException e) {
            tracker.dropped(received);
            throw e;
        }
        tracker.applied(received);
        deadLetters.batchCompleted();
        retries = 0;
        for (int i = 0; i < batch.size(); i++) {
            SinkRecord record = batch.get(i);
            // A poll's records come partition by partition: one entry per run of a partition.
            if (i + 1 == batch.size() || !samePartition(record, batch.get(i + 1))) {
                TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
                applied.merge(partition, new OffsetAndMetadata(record.originalKafkaOffset() + 1),
                        (a, b) -> a.offset() >= b.offset() ? a : b);
            }
        }
    }

    private static boolean samePartition(SinkRecord a, SinkRecord b) {
        return Objects.equals(a.originalKafkaPartition(), b.originalKafkaPartition()) && Objects.equals(a.originalTopic(), b.originalTopic());
    }

    private void applyOrNarrow(List<SinkRecord> records) {
        try {
            ApplyOutcomes.count(metrics, applier.apply(records));
        } catch (ApplyException | UndecodableRecordException e) {
            SqlErrors.Kind kind = SqlErrors.classify(e);
            if (kind == SqlErrors.Kind.TRANSIENT) {
                throw retry(records, e);
            }
            if (kind == SqlErrors.Kind.TARGET) {
                throw new ConnectException("The target refuses every change, so no record is sent to the dead-letter "
                        + "queue: " + e.getMessage() + ". Fix: check connection.url, connection.username and "
                        + "connection.password", e);
            }
            if (records.size() == 1) {
                reject(records.get(0), e);
                return;
            }
            LOG.debug("{}: {} records failed ({}); applying them in two parts to find the records at fault",
                    name, records.size(), e.getMessage());
            int half = records.size() / 2;
            applyOrNarrow(records.subList(0, half));
            applyOrNarrow(records.subList(half, records.size()));
        }
    }

    private RuntimeException retry(List<SinkRecord> records, RuntimeException failure) {
        String table = failure instanceof ApplyException a && a.table() != null ? a.table().toString() : ApplyMetrics.UNKNOWN;
        metrics.count(table, Op.UNKNOWN, Outcome.RETRIED, records.size());
        RetryPolicy policy = settings.retries();
        Optional<Duration> wait = policy.waitBefore(retries + 1);
        if (wait.isEmpty()) {
            return new ConnectException("Giving up after " + retries + " retries (max.retries) of a transient failure: "
                    + failure.getMessage(), failure);
        }
        retries++;
        LOG.warn("{}: transient failure, retry {} of {} in {} ms: {}", name, retries, policy.maxRetries(),
                wait.get().toMillis(), failure.getMessage());
        context.timeout(wait.get().toMillis());
        return new RetriableException("Transient failure (retry " + retries + " of " + policy.maxRetries() + "): "
                + failure.getMessage(), failure);
    }

    private void reject(SinkRecord record, RuntimeException cause) {
        String what = describe(record, cause);
        if (!deadLetters.enabled()) {
            throw new ConnectException(what + ". Fix: correct the target or the data, or set errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name to route such records to a dead-letter queue", cause);
        }
        deadLetters.report(record, cause);
        RecordOrigin origin = origin(record);
        metrics.count(origin.table(), origin.op(), Outcome.DLQ, 1);
        LOG.warn("{}: sent record {} to the dead-letter queue: {}", name, KafkaPosition.of(record), cause.getMessage());
    }

    private String describe(SinkRecord record, RuntimeException cause) {
        RecordOrigin origin = origin(record);
        return "Cannot apply record " + KafkaPosition.of(record) + " (table " + origin.table() + ", key " + record.key()
                + "): " + cause.getMessage();
    }

    private record RecordOrigin(String table, Op op) {
    }

    private RecordOrigin origin(SinkRecord record) {
        try {
            return decoder.decode(record)
                    .map(e -> new RecordOrigin(e.table().toString(), e.operation() == Operation.DELETE ? Op.DELETE : Op.UPSERT))
                    .orElse(new RecordOrigin(ApplyMetrics.UNKNOWN, Op.TOMBSTONE));
        } catch (UndecodableRecordException e) {
            return new RecordOrigin(ApplyMetrics.UNKNOWN, Op.UNKNOWN);
        }
    }

    /** Nothing is buffered: put() returns only once its batch is committed in the target. */
    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        applied.forEach((partition, offset) -> {
            if (currentOffsets.containsKey(partition)) {
                committed.put(partition, offset);
            }
        });
        return committed;
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
        trackHeartbeatOwnership();
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        applied.keySet().removeAll(partitions);
        deadLetters.forget(partitions);
        owned.removeAll(partitions);
        trackHeartbeatOwnership();
    }

    /**
     * Only the task that owns the heartbeat topic's partition sees heartbeats (its topic has one
     * partition, see deploy/connect): the others report an idle lag as not known instead of one that
     * grows without end.
     */
    private void trackHeartbeatOwnership() {
        tracker.receivesHeartbeats(owned.stream().anyMatch(p -> p.topic().endsWith("." + ChangeTiming.HEARTBEAT_TABLE)));
    }

    @Override
    public void stop() {
        if (backfill != null) {
            backfill.close();
        }
        if (applier != null) {
            applier.close();
        }
        LOG.info("Task of {} stopped; records: {}", name, metrics);
    }
}
