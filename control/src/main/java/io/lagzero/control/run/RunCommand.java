package io.lagzero.control.run;

import io.lagzero.control.cli.DurationConverter;
import io.lagzero.control.cli.EndpointOptions;
import io.lagzero.control.cli.SinkKeys;
import io.lagzero.control.cli.SinkOptions;
import io.lagzero.control.cli.UserError;
import io.lagzero.control.cli.UsesEndpoints;
import io.lagzero.sink.backfill.CopyState;
import io.lagzero.sink.connect.LagzeroSinkConfig;
import io.lagzero.sink.connect.SinkSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lagzero run}: source → Kafka → target in this process, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, modelTransformer = SinkOptions.class,
        description = {"Replicates the source into the target through Kafka, in one process, until stopped (Ctrl-C).",
            "Passwords come from LAGZERO_SOURCE_PASSWORD / LAGZERO_TARGET_PASSWORD or source-password / "
                    + "target-password in the --config file."})
public final class RunCommand implements Callable<Integer>, UsesEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    EndpointOptions endpoints;

    @Mixin
    BrokerOptions broker;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers. Default: an embedded broker in --data-dir.")
    String kafka;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "lagzero-data", description = "Embedded Kafka and local state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--topic-prefix", paramLabel = "NAME", defaultValue = "lagzero", description = "Topic names are <prefix>.<db>.<table> (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--topic-partitions", paramLabel = "N", defaultValue = "1", description = "Partitions of each new change topic (default: ${DEFAULT-VALUE}).")
    int topicPartitions;

    @Option(names = "--sink", paramLabel = "KEY=VALUE",
            description = "Any key of the sink connector (docs/sink-config.md), as in a Kafka Connect config, e.g. "
                    + "--sink delete.enabled=false. Each key also has its own option, the key with dashes for dots "
                    + "(--ddl-policy for ddl.policy).")
    Map<String, String> sinkPairs = Map.of();

    @Spec
    CommandSpec spec;

    /** How the target gets the rows that exist when the pipeline starts. */
    enum InitialCopy { BACKFILL, SNAPSHOT }

    @Option(names = "--initial-copy", paramLabel = "KIND", defaultValue = "backfill",
            description = "How existing rows are copied: 'backfill' (lagzero reads them straight from the source in "
                    + "primary-key chunks, in parallel, resumable; docs/backfill.md) or 'snapshot' (Debezium's "
                    + "snapshot through Kafka) (default: ${DEFAULT-VALUE}).")
    InitialCopy initialCopy;

    @Option(names = "--status-interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often to log progress (default: ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Option(names = "--heartbeat-interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often a heartbeat row is written on the source, so lag is measured while it is idle "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration heartbeatInterval;

    @Option(names = "--max-lag", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Lag budget: above it /readyz answers 503 and lagzero status exits 1 (default: ${DEFAULT-VALUE}).")
    Duration maxLag;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8484",
            description = "Port for /metrics, /healthz, /readyz and /status; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Override
    public EndpointOptions endpoints() {
        return endpoints;
    }

    /** The pipeline: the sink's keys from their options, --sink and --config, parsed by the sink plugin's ConfigDef. */
    PipelineConfig pipelineConfig() {
        Map<String, String> sinkKeys = new HashMap<>(SinkOptions.given(spec, sinkPairs));
        endpoints.columnMappingRules().ifPresent(rules -> sinkKeys.put(LagzeroSinkConfig.COLUMN_MAPPING, rules));
        String targetUrl = endpoints.targetUrlOr(sinkKeys.remove(LagzeroSinkConfig.CONNECTION_URL));
        String targetUser = endpoints.targetUserOr(sinkKeys.remove(LagzeroSinkConfig.CONNECTION_USERNAME));
        SinkSettings sink = SinkKeys.settings(targetUrl, targetUser, endpoints.targetPassword(), endpoints.sourceUrl(),
                endpoints.sourceUser(), endpoints.sourcePassword(), sinkKeys);
        return new PipelineConfig(endpoints.sourceUrl(), endpoints.sourceUser(), endpoints.sourcePassword(),
                endpoints.tables(), Optional.ofNullable(kafka), dataDir, topicPrefix, topicPartitions, sink,
                initialCopy == InitialCopy.BACKFILL ? Optional.of(sink.backfill()) : Optional.empty());
    }

    @Override
    public Integer call() throws InterruptedException {
        PipelineConfig pipelineConfig = pipelineConfig();
        MonitoringSettings monitoring = new MonitoringSettings(heartbeatInterval, maxLag, httpPort);
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.countDown();
            try {
                closed.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lagzero-shutdown"));
        try (Pipeline pipeline = Pipeline.start(pipelineConfig, monitoring, broker.settings())) {
            LOG.info("Replicating; stop with Ctrl-C");
            while (!stopRequested.await(statusInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                Optional<Throwable> failure = pipeline.failure();
                if (failure.isPresent()) {
                    throw new UserError("The pipeline stopped: " + failure.get().getMessage(), failure.get());
                }
                LOG.info("{}; source produced {} binlog changes; sink applied {} rows; backlog {} changes; {}",
                        initialCopy(pipeline), pipeline.sourceProgress().changes(), pipeline.sinkProgress().appliedRows(),
                        pipeline.backlog(), pipeline.monitor().status().reason());
            }
            LOG.info("Stopping: finishing the current batch and closing cleanly");
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private static String initialCopy(Pipeline pipeline) {
        return pipeline.backfill().map(runner -> runner.backfill().map(backfill -> "backfill copied " + backfill.progress()
                .values().stream().mapToLong(CopyState.TableCopy::rows).sum() + " rows").orElse("backfill waiting for the "
                + "binlog stream")).orElseGet(() -> "snapshot read " + pipeline.sourceProgress().snapshotRows() + " rows");
    }
}
