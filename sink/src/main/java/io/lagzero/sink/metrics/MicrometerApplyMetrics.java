package io.lagzero.sink.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ApplyMetrics} as Micrometer counters: {@code lagzero.sink.records{table,op,outcome}}
 * (Prometheus: {@code lagzero_sink_records_total}) and {@code lagzero.dlq.records}
 * ({@code lagzero_dlq_records_total}), which exists from the start so that "the DLQ grew" can be
 * alerted on.
 */
public final class MicrometerApplyMetrics implements ApplyMetrics {
    public static final String RECORDS = "lagzero.sink.records";
    public static final String DLQ = "lagzero.dlq.records";

    private record Key(String table, Op op, Outcome outcome) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Counter dlq;

    public MicrometerApplyMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.dlq = Counter.builder(DLQ).description("Records sent to the dead-letter queue").register(registry);
    }

    @Override
    public void count(String table, Op op, Outcome outcome, long records) {
        if (records <= 0) {
            return;
        }
        counters.computeIfAbsent(new Key(table, op, outcome), this::counter).increment(records);
        if (outcome == Outcome.DLQ) {
            dlq.increment(records);
        }
    }

    private Counter counter(Key key) {
        return Counter.builder(RECORDS)
                .description("Records the sink received, by source table, operation and what became of them")
                .tag("table", key.table())
                .tag("op", key.op().name().toLowerCase(Locale.ROOT))
                .tag("outcome", key.outcome().name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
