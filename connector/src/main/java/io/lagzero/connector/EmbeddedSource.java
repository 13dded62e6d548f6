package io.lagzero.connector;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.engine.spi.OffsetCommitPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source half of the pipeline: Debezium's MySQL/MariaDB connector in the Debezium embedded
 * engine, producing every change event to Kafka. A batch is marked processed (and so its binlog
 * position may be committed) only after Kafka acknowledged all of its records, and only up to the
 * last record that completes its binlog row ({@link CommittableRecords}).
 */
public final class EmbeddedSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSource.class);

    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final ChangeProducer producer;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "lagzero-source"));
    private final SourceProgress progress = new SourceProgress();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private EmbeddedSource(SourceSettings settings, SourceDatabase source, Supplier<Converter> converters) {
        producer = new ChangeProducer(settings.kafkaBootstrapServers(), "lagzero-" + settings.topicPrefix() + "-source",
                settings.topicPartitions(), converters);
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(DebeziumProperties.of(settings, source))
                // Commit the binlog position after every batch Kafka acknowledged: the smaller the
                // window between produced and committed, the less a crash replays (or re-snapshots).
                .using(OffsetCommitPolicy.always())
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        started.countDown();
                    }
                })
                .using((success, message, error) -> {
                    if (!success || error != null) {
                        LOG.error("The Debezium source stopped: {}", message, error);
                        failure.compareAndSet(null, error != null ? error : new IllegalStateException(message));
                    }
                    started.countDown();
                    stopped.countDown();
                })
                .notifying(this::handleBatch)
                .build();
    }

    /** Starts streaming, writing with Kafka's JsonConverter, and waits until Debezium's task runs (or fails, with the reason). */
    public static EmbeddedSource start(SourceSettings settings, SourceDatabase source, Duration startTimeout) {
        return start(settings, source, startTimeout, JsonConverter::new);
    }

    /**
     * Starts streaming and waits until Debezium's task runs (or fails, with the reason).
     *
     * @param converters makes the converters the change events are written with: JsonConverter or
     *     one that writes the same bytes
     */
    public static EmbeddedSource start(SourceSettings settings, SourceDatabase source, Duration startTimeout,
            Supplier<Converter> converters) {
        EmbeddedSource runner = new EmbeddedSource(settings, source, converters);
        runner.executor.execute(runner.engine);
        try {
            if (!runner.started.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                runner.close();
                throw new SetupException("The Debezium source did not start within " + startTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runner.failure().ifPresent(error -> {
            runner.close();
            throw new SetupException("The Debezium source failed to start: " + error.getMessage(), error.getCause());
        });
        return runner;
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> events,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<SourceRecord> records = events.stream().map(RecordChangeEvent::record).toList();
        LOG.debug("Producing {} change events", records.size());
        producer.sendAll(records);
        records.forEach(this::count);
        int committable = CommittableRecords.count(records);
        for (RecordChangeEvent<SourceRecord> event : events.subList(0, committable)) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }

    private void count(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
            return;
        }
        Struct source = value.getStruct("source");
        if ("r".equals(value.getString("op"))) {
            progress.recordSnapshotRow(record.topic());
            if ("last".equals(source.getString("snapshot"))) {
                progress.markSnapshotDone();
            }
        } else {
            progress.markSnapshotDone();
            progress.recordChange(record.topic(), source.getInt64("ts_ms"));
        }
    }

    public SourceProgress progress() {
        return progress;
    }

    /** Why the engine stopped on its own, if it did, explained in one line with the fix where one is known. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get()).map(error -> new SetupException(SourceErrors.explain(error), error));
    }

    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    @Override
    public void close() {
        try {
            engine.close();
            if (!stopped.await(60, TimeUnit.SECONDS)) {
                LOG.warn("The Debezium engine did not stop within 60 s");
            }
        } catch (IOException e) {
            LOG.warn("Stopping the Debezium engine failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            executor.shutdownNow();
            producer.close();
        }
    }

}
