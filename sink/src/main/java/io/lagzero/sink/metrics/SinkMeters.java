package io.lagzero.sink.metrics;

import io.lagzero.sink.lag.Lag;
import io.lagzero.sink.lag.LagTracker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.ToDoubleFunction;

/**
 * The sink's meters, bound to whatever registry the host gives (Prometheus in {@code lagzero run},
 * JMX inside Kafka Connect): lag per table and its parts, backlog, snapshot rows, record outcomes
 * and batch apply time. Names are dotted; the Prometheus registry turns {@code lagzero.replication.lag}
 * into {@code lagzero_replication_lag_seconds}.
 */
public final class SinkMeters {
    public static final String REPLICATION_LAG = "lagzero.replication.lag";
    public static final String CAPTURE_LAG = "lagzero.capture.lag";
    public static final String BACKLOG_WAIT = "lagzero.backlog.wait";
    public static final String APPLY_LAG = "lagzero.apply.lag";
    public static final String HEARTBEAT_AGE = "lagzero.heartbeat.age";
    public static final String BACKLOG_RECORDS = "lagzero.backlog.records";
    public static final String SNAPSHOT_ROWS = "lagzero.snapshot.rows";
    public static final String BACKFILL_ROWS = "lagzero.backfill.rows";
    public static final String APPLY_TIME = "lagzero.sink.apply";

    private final MicrometerApplyMetrics applyMetrics;
    private final Timer applyTime;

    public SinkMeters(MeterRegistry registry, LagTracker tracker) {
        this.applyMetrics = new MicrometerApplyMetrics(registry);
        this.applyTime = Timer.builder(APPLY_TIME).description("Time to apply and commit one batch in the target")
                .publishPercentileHistogram().register(registry);
        lagPart(registry, tracker, CAPTURE_LAG, "Source commit → Kafka, of the change that defines the lag", Lag::captureSeconds);
        lagPart(registry, tracker, BACKLOG_WAIT, "Waiting in Kafka until the sink fetched it", Lag::backlogSeconds);
        lagPart(registry, tracker, APPLY_LAG, "Fetched by the sink → committed in the target", Lag::applySeconds);
        Gauge.builder(HEARTBEAT_AGE, tracker, LagTracker::heartbeatAgeSeconds).strongReference(true).baseUnit("seconds")
                .description("Age of the newest heartbeat committed in the target").register(registry);
        tracker.onNewTable(table -> perTable(registry, tracker, table));
    }

    private static void lagPart(MeterRegistry registry, LagTracker tracker, String name, String description,
            ToDoubleFunction<Lag> part) {
        Gauge.builder(name, tracker, t -> part.applyAsDouble(t.lag())).strongReference(true).baseUnit("seconds")
                .description(description).register(registry);
    }

    private static void perTable(MeterRegistry registry, LagTracker tracker, String table) {
        Gauge.builder(REPLICATION_LAG, tracker, t -> t.lag(table).seconds()).strongReference(true).baseUnit("seconds")
                .description("now − source commit time of the oldest change not yet in the target; when none is "
                        + "pending, the age of the newest heartbeat in the target")
                .tag("table", table).register(registry);
        Gauge.builder(BACKLOG_RECORDS, tracker, t -> t.backlogRecords(table)).strongReference(true)
                .description("Change events waiting in Kafka for the sink").tag("table", table).register(registry);
        FunctionCounter.builder(SNAPSHOT_ROWS, tracker, t -> t.snapshotRows(table))
                .description("Initial snapshot rows committed in the target").tag("table", table).register(registry);
        FunctionCounter.builder(BACKFILL_ROWS, tracker, t -> t.copiedHere(table))
                .description("Rows this process (on Kafka Connect: this task) copied with the backfill").tag("table", table)
                .register(registry);
    }

    public ApplyMetrics applyMetrics() {
        return applyMetrics;
    }

    public Timer applyTime() {
        return applyTime;
    }
}
