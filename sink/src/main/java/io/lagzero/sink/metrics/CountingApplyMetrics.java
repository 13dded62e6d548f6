package io.lagzero.sink.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Plain in-memory counters; {@link #toString()} lists every non-zero one. */
public final class CountingApplyMetrics implements ApplyMetrics {
    private record Key(String table, Op op, Outcome outcome) {
    }

    private final Map<Key, LongAdder> counters = new ConcurrentHashMap<>();

    @Override
    public void count(String table, Op op, Outcome outcome, long records) {
        if (records > 0) {
            counters.computeIfAbsent(new Key(table, op, outcome), k -> new LongAdder()).add(records);
        }
    }

    public long get(String table, Op op, Outcome outcome) {
        LongAdder adder = counters.get(new Key(table, op, outcome));
        return adder == null ? 0 : adder.sum();
    }

    public long total(Outcome outcome) {
        return counters.entrySet().stream().filter(e -> e.getKey().outcome() == outcome)
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    @Override
    public String toString() {
        Map<String, Long> sorted = new TreeMap<>();
        counters.forEach((k, v) -> sorted.put(k.table() + "/" + k.op() + "/" + k.outcome(), v.sum()));
        return sorted.toString();
    }
}
