package io.lagzero.control.run;

import io.lagzero.connector.EmbeddedSource;
import io.lagzero.connector.HeartbeatTable;
import io.lagzero.connector.JdbcConnections;
import io.lagzero.connector.SignalTable;
import io.lagzero.connector.SourceDatabase;
import io.lagzero.connector.SourceOffsets;
import io.lagzero.connector.SourcePreflight;
import io.lagzero.connector.SourceProgress;
import io.lagzero.connector.SourceSettings;
import io.lagzero.connector.heartbeat.HeartbeatWriter;
import io.lagzero.control.cli.UserError;
import io.lagzero.control.http.ControlServer;
import io.lagzero.sandbox.kafka.BrokerSettings;
import io.lagzero.sandbox.kafka.KafkaBroker;
import io.lagzero.sink.apply.ChangeApplier;
import io.lagzero.sink.backfill.Backfill;
import io.lagzero.sink.backfill.BackfillRunner;
import io.lagzero.sink.connect.CachedSchemaJsonConverter;
import io.lagzero.sink.event.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded pipeline in one process: source MySQL/MariaDB → Debezium (embedded engine)
 * → Kafka → sink apply core → target. Checks the setup before it starts anything.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final PipelineConfig config;
    private final MonitoringSettings monitoring;
    private final BrokerSettings brokerSettings;
    private PipelineMonitor monitor;
    private HeartbeatWriter heartbeat;
    private ControlServer server;
    private KafkaBroker embeddedKafka;
    private String bootstrapServers;
    private SourceDatabase sourceDatabase;
    private ChangeApplier applier;
    private EmbeddedSource source;
    private SinkLoop sink;
    private Thread sinkThread;
    private SinkGroup sinkGroup;
    private BackfillRunner backfill;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Pipeline(PipelineConfig config, MonitoringSettings monitoring, BrokerSettings brokerSettings) {
        this.config = config;
        this.monitoring = monitoring;
        this.brokerSettings = brokerSettings.withPartitions(Math.max(1, config.topicPartitions()));
    }

    /** With the default heartbeat and lag budget, serving HTTP (and any embedded broker) on any free port. */
    public static Pipeline start(PipelineConfig config) {
        return start(config, MonitoringSettings.ANY_PORT);
    }

    /** Any embedded broker listens on any free port. */
    public static Pipeline start(PipelineConfig config, MonitoringSettings monitoring) {
        return start(config, monitoring, BrokerSettings.anyPort());
    }

    /**
     * @param brokerSettings the embedded broker's, used when {@code config} names no Kafka; the
     *     partitions of topics it creates itself are {@code config}'s topic partitions
     */
    public static Pipeline start(PipelineConfig config, MonitoringSettings monitoring, BrokerSettings brokerSettings) {
        Pipeline pipeline = new Pipeline(config, monitoring, brokerSettings);
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
        sourceDatabase = SourcePreflight.check(config.sourceUrl(), config.sourceUser(), config.sourcePassword(), config.tables());
        List<TableId> applicationTables = sourceDatabase.tables();
        HeartbeatTable heartbeatTable = createOwnTables();
        sourceDatabase = sourceDatabase.including(heartbeatTable.table());
        LOG.info("Source is {} {}; replicating {}", sourceDatabase.flavor(), sourceDatabase.version(), applicationTables);
        applier = new ChangeApplier(config.target());
        try {
            applier.checkExistingTables(applicationTables);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        monitor = new PipelineMonitor(monitoring, applicationTables.stream().map(TableId::toString).toList(),
                SourceRowCounts.countInBackground(config, applicationTables), new PipelineMonitor.Failures(
                        () -> failure().map(Throwable::getMessage), () -> sink == null ? Optional.empty() : sink.targetFailure(),
                        () -> heartbeat == null ? Optional.empty() : heartbeat.failure()));
        server = ControlServer.start(monitoring.httpPort(), monitor);
        bootstrapServers = config.kafka().orElseGet(this::startEmbeddedKafka);
        sinkGroup = new SinkGroup(bootstrapServers, config.sinkGroupId());
        SourceSettings sourceSettings = config.source(bootstrapServers);
        startOverIfASnapshotWasCutOff(sourceSettings);
        if (config.backfill().isPresent()) {
            monitor.tracker().copyByBackfill();
            applier.copiesByBackfill();
        }
        sink = new SinkLoop(bootstrapServers, config.sinkGroupId(), config.topicPrefix(), topics(), applier,
                config.sink().retries(), monitor.tracker(), monitor.sinkMeters());
        sinkThread = new Thread(sink, "lagzero-sink");
        sinkThread.start();
        source = EmbeddedSource.start(sourceSettings, sourceDatabase, Duration.ofMinutes(2), CachedSchemaJsonConverter::new);
        heartbeat = HeartbeatWriter.start(heartbeatTable, config.topicPrefix(), monitoring.heartbeatInterval(),
                config.sourceUrl(), config.sourceUser(), config.sourcePassword());
        config.backfill().ifPresent(settings -> backfill = BackfillRunner.start(settings, config.target(), applier,
                applicationTables, () -> SourceOffsets.read(sourceSettings) == SourceOffsets.State.STREAMING,
                monitor.tracker()));
    }

    private String startEmbeddedKafka() {
        try {
            embeddedKafka = KafkaBroker.start(config.dataDir().resolve("kafka"), brokerSettings);
        } catch (KafkaBroker.PortInUseException e) {
            throw new UserError("Cannot start the embedded Kafka broker: --broker-port " + e.port()
                    + " is in use on 127.0.0.1. Fix: stop what listens there, or give another --broker-port (0 = any free "
                    + "port), or an external Kafka with --kafka HOST:PORT", e);
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage() + ". Fix: give a writable --data-dir that no other lagzero run "
                    + "is using, or an external Kafka with --kafka HOST:PORT", e);
        }
        LOG.info("Embedded Kafka broker at {} with data in {}, keeping change events {}", embeddedKafka.bootstrapServers(),
                config.dataDir(), brokerSettings.retention().map(Pipeline::describe).orElse("forever"));
        return embeddedKafka.bootstrapServers();
    }

    private static String describe(Duration retention) {
        return retention.toSeconds() % 86_400 == 0 ? "for " + retention.toDays() + " days"
                : retention.toSeconds() % 3_600 == 0 ? "for " + retention.toHours() + " hours" : "for " + retention;
    }

    /**
     * lagzero's tables in the first replicated database: the heartbeat table (needed) and the signal
     * table (only {@code verify --repair} needs it), each created if missing.
     */
    private HeartbeatTable createOwnTables() {
        HeartbeatTable table = HeartbeatTable.in(sourceDatabase.tables().get(0).database());
        try (Connection c = JdbcConnections.open("source", config.sourceUrl(), config.sourceUser(), config.sourcePassword())) {
            table.ensure(c, config.sourceUser());
            SignalTable.ensure(c, sourceDatabase, config.sourceUser()).ifPresent(LOG::warn);
        } catch (SQLException e) {
            throw new UserError("Cannot prepare lagzero's tables on the source: " + e.getMessage(), e);
        }
        return table;
    }

    private void checkTarget() {
        try (Connection ignored = JdbcConnections.open("target", config.targetUrl(), config.targetUser(), config.targetPassword())) {
            LOG.debug("Target reachable");
        } catch (SQLException e) {
            throw new UserError("Cannot close the target connection: " + e.getMessage(), e);
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

    /** The backfill, when it is the initial copy. */
    public Optional<BackfillRunner> backfill() {
        return Optional.ofNullable(backfill);
    }

    public SinkProgress sinkProgress() {
        return sink.progress();
    }

    public PipelineMonitor monitor() {
        return monitor;
    }

    /** The port {@code /metrics}, {@code /healthz}, {@code /readyz} and {@code /status} are served on. */
    public int httpPort() {
        return server.port();
    }

    /** Why the pipeline stopped on its own, if it did. */
    public Optional<Throwable> failure() {
        if (source == null || sink == null) {
            return Optional.empty();
        }
        return source.failure().or(sink::failure).or(() -> backfill == null ? Optional.empty() : backfill.failure())
                .or(() -> !sink.isRunning()
                ? Optional.of(new IllegalStateException("the sink stopped")) : Optional.empty());
    }

    /** Change events in Kafka that the sink has not yet committed to the target. */
    public long backlog() {
        return sinkGroup.backlog(topics());
    }

    private List<String> topics() {
        return sourceDatabase.tables().stream().map(this::topic).toList();
    }

    /**
     * Debezium redoes a snapshot that was cut off (or never committed its first position), and rows
     * deleted on the source in between would linger in the target. So when an earlier attempt left
     * anything behind — committed sink offsets, or events in the change topics (the sink may have
     * committed rows to the target but not yet its offsets) — the target tables are emptied and the
     * earlier attempt's events skipped before the new snapshot starts.
     */
    private void startOverIfASnapshotWasCutOff(SourceSettings sourceSettings) {
        SourceOffsets.State state = SourceOffsets.read(sourceSettings);
        if (state == SourceOffsets.State.STREAMING) {
            LOG.info("Resuming the binlog where the last run stopped");
        } else if (sinkGroup.hasCommittedOffsets() || sinkGroup.backlog(topics()) > 0) {
            LOG.warn("The previous initial {} did not finish; starting it again: truncating {} in the target and "
                    + "skipping the earlier attempt's change events", initialCopy(), sourceDatabase.tables());
            sinkGroup.skipToEnd(topics());
            applier.truncate(sourceDatabase.tables());
            if (config.backfill().isPresent()) {
                Backfill.forget(config.target(), sourceDatabase.tables());
            }
        } else {
            LOG.info("Starting the initial {} of {}", initialCopy(), sourceDatabase.tables());
            if (config.backfill().isPresent()) {
                // No binlog position and no change applied: any copy state in the target is an earlier pipeline's.
                Backfill.forget(config.target(), sourceDatabase.tables());
            }
        }
    }

    private String initialCopy() {
        return config.backfill().isPresent() ? "backfill" : "snapshot";
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (server != null) {
            server.close();
        }
        if (backfill != null) {
            backfill.close();
        }
        if (heartbeat != null) {
            heartbeat.close();
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
        if (sinkGroup != null) {
            sinkGroup.close();
        }
        if (embeddedKafka != null) {
            embeddedKafka.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }
}
