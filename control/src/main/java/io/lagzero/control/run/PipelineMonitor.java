package io.lagzero.control.run;

import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.health.PipelineStatus.LagParts;
import io.lagzero.control.health.PipelineStatus.State;
import io.lagzero.control.health.PipelineStatus.TableStatus;
import io.lagzero.control.health.PipelineView;
import io.lagzero.sink.connect.Version;
import io.lagzero.sink.lag.Lag;
import io.lagzero.sink.lag.LagTracker;
import io.lagzero.sink.metrics.MicrometerApplyMetrics;
import io.lagzero.sink.metrics.SinkMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The embedded pipeline's meters and its health: owns the lag tracker and the Prometheus registry,
 * and answers "healthy, lagging or failed — and where is the stall?".
 */
public final class PipelineMonitor implements PipelineView, AutoCloseable {
    static final String BUILD_INFO = "lagzero.build.info";
    static final String HEARTBEAT_INTERVAL = "lagzero.heartbeat.interval";
    static final String LAG_BUDGET = "lagzero.lag.budget";
    static final String PIPELINE_UP = "lagzero.pipeline.up";
    static final String SNAPSHOT_PROGRESS = "lagzero.snapshot.progress.ratio";

    /** Why a part stopped on its own, or is failing while it retries. */
    record Failures(Supplier<Optional<String>> pipeline, Supplier<Optional<String>> target,
            Supplier<Optional<String>> heartbeat) {
    }

    private final MonitoringSettings settings;
    private final LagTracker tracker;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SinkMeters sinkMeters;
    private final Rates rates;
    private final SourceRowCounts rowCounts;
    private final Failures failures;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lagzero-rates");
        thread.setDaemon(true);
        return thread;
    });

    PipelineMonitor(MonitoringSettings settings, List<String> tables, SourceRowCounts rowCounts, Failures failures) {
        this(settings, tables, rowCounts, failures, Clock.systemUTC());
    }

    PipelineMonitor(MonitoringSettings settings, List<String> tables, SourceRowCounts rowCounts, Failures failures,
            Clock clock) {
        this.settings = settings;
        this.tracker = new LagTracker(clock);
        this.sinkMeters = new SinkMeters(registry, tracker);
        this.rates = new Rates(tracker);
        this.rowCounts = rowCounts;
        this.failures = failures;
        Gauge.builder(BUILD_INFO, () -> 1).tag("version", Version.current()).description("lagzero's version")
                .register(registry);
        Gauge.builder(HEARTBEAT_INTERVAL, () -> settings.heartbeatInterval().toMillis() / 1000.0).baseUnit("seconds")
                .description("How often the heartbeat row is written on the source").register(registry);
        Gauge.builder(LAG_BUDGET, () -> settings.maxLag().toMillis() / 1000.0).baseUnit("seconds")
                .description("Lag above which the pipeline is not ready (--max-lag)").register(registry);
        Gauge.builder(PIPELINE_UP, () -> failures.pipeline().get().isPresent() ? 0 : 1)
                .description("1 while the pipeline runs, 0 once it stopped on a failure").register(registry);
        tracker.onNewTable(table -> Gauge.builder(SNAPSHOT_PROGRESS, () -> snapshotProgress(table).orElse(Double.NaN))
                .tag("table", table).description("Snapshot rows committed in the target over the source's rows at start")
                .register(registry));
        tracker.expect(tables);
        sampler.scheduleAtFixedRate(rates::sample, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        registry.close();
    }

    LagTracker tracker() {
        return tracker;
    }

    SinkMeters sinkMeters() {
        return sinkMeters;
    }

    Rates rates() {
        return rates;
    }

    /** End-to-end lag now, the largest of all tables. */
    public double lagSeconds() {
        return tracker.lag().seconds();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public String prometheusText() {
        return registry.scrape();
    }

    @Override
    public PipelineStatus status() {
        Lag lag = tracker.lag();
        List<TableStatus> tables = tracker.tables().stream().sorted().map(this::table).toList();
        State state = state(lag);
        return new PipelineStatus(Version.current(), state, reason(state, lag), lag.seconds(), seconds(settings.maxLag()),
                new LagParts(lag.captureSeconds(), lag.backlogSeconds(), lag.applySeconds(), lag.basis().name()),
                tracker.heartbeatAgeSeconds(), seconds(settings.heartbeatInterval()), tracker.snapshotFinished(),
                tracker.backlogRecords(), (long) registry.find(MicrometerApplyMetrics.DLQ).counters().stream()
                        .mapToDouble(Counter::count).sum(), tables);
    }

    private State state(Lag lag) {
        if (failures.pipeline().get().isPresent()) {
            return State.FAILED;
        }
        return lag.seconds() <= seconds(settings.maxLag()) && tracker.snapshotFinished() ? State.HEALTHY : State.LAGGING;
    }

    private String reason(State state, Lag lag) {
        String lagText = String.format(Locale.ROOT, "lag %.1f s", lag.seconds());
        if (state == State.FAILED) {
            return "pipeline stopped: " + failures.pipeline().get().orElseThrow();
        }
        if (state == State.HEALTHY) {
            return String.format(Locale.ROOT, "ok: %s within budget %.1f s", lagText, seconds(settings.maxLag()));
        }
        boolean overBudget = lag.seconds() > seconds(settings.maxLag());
        Optional<String> target = failures.target().get();
        if (overBudget && target.isPresent()) {
            return "target unreachable: " + target.get() + "; " + lagText;
        }
        Optional<String> heartbeat = failures.heartbeat().get();
        if (overBudget && heartbeat.isPresent() && lag.largestPart() == Lag.Part.CAPTURE) {
            return "source unreachable: cannot write heartbeats: " + heartbeat.get() + "; " + lagText;
        }
        if (!tracker.snapshotFinished()) {
            long copied = tracker.tables().stream().filter(tracker::snapshotDone).count();
            List<String> held = tracker.tables().stream().filter(t -> List.of("paused", "aborted").contains(tracker.copyPhase(t)))
                    .map(t -> t + " " + tracker.copyPhase(t)).toList();
            return (tracker.copiesByBackfill() ? "backfill" : "snapshot") + " in progress: " + copied + " of "
                    + tracker.tables().size() + " tables copied" + (held.isEmpty() ? "" : " (" + String.join(", ", held) + ")")
                    + tracker.copyWaiting().map(reason -> ", waiting: " + reason).orElse("") + "; " + lagText;
        }
        return switch (lag.largestPart()) {
            case APPLY -> String.format(Locale.ROOT, "apply to the target stalled: %s, of which %.1f s since the sink fetched "
                    + "the change",
                    lagText, lag.applySeconds());
            case BACKLOG -> "sink behind: " + tracker.backlogRecords() + " changes waiting in Kafka; " + lagText;
            case CAPTURE -> String.format(Locale.ROOT, "source capture stalled: the newest heartbeat in the target is %.1f s "
                    + "old; %s", tracker.heartbeatAgeSeconds(), lagText);
        };
    }

    private TableStatus table(String table) {
        boolean done = tracker.snapshotDone(table);
        OptionalLong sourceRows = rowCounts.of(table);
        long snapshotRows = tracker.snapshotRows(table);
        Double eta = null;
        double snapshotRate = rates.snapshotRowsPerSecond(table);
        if (done) {
            eta = 0.0;
        } else if (sourceRows.isPresent() && snapshotRate > 0) {
            eta = Math.max(0, sourceRows.getAsLong() - snapshotRows) / snapshotRate;
        }
        long dlq = (long) registry.find(MicrometerApplyMetrics.RECORDS).tag("table", table).tag("outcome", "dlq")
                .counters().stream().mapToDouble(Counter::count).sum();
        return new TableStatus(table, done ? "streaming" : tracker.copyPhase(table), snapshotRows,
                sourceRows.isPresent() ? sourceRows.getAsLong() : null, snapshotProgress(table).orElse(null), eta,
                tracker.lag(table).seconds(), rates.appliedPerSecond(table), tracker.backlogRecords(table), dlq);
    }

    private Optional<Double> snapshotProgress(String table) {
        if (tracker.snapshotDone(table)) {
            return Optional.of(1.0);
        }
        OptionalLong rows = rowCounts.of(table);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(rows.getAsLong() == 0 ? 0.0 : Math.min(1.0, tracker.snapshotRows(table) / (double) rows.getAsLong()));
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
