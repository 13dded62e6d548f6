package io.lagzero.control.run;

import io.lagzero.sink.lag.LagTracker;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Per-table rates over the last {@value #WINDOW_SAMPLES} seconds, from one sample of the
 * tracker's counters a second.
 */
final class Rates {
    static final int WINDOW_SAMPLES = 10;

    private record Sample(long nanos, Map<String, Long> applied, Map<String, Long> snapshotRows) {
    }

    private final LagTracker tracker;
    private final Deque<Sample> samples = new ArrayDeque<>();

    Rates(LagTracker tracker) {
        this.tracker = tracker;
    }

    synchronized void sample() {
        samples.addLast(new Sample(System.nanoTime(), counts(tracker::appliedChanges), counts(tracker::snapshotRows)));
        while (samples.size() > WINDOW_SAMPLES + 1) {
            samples.removeFirst();
        }
    }

    private Map<String, Long> counts(ToLongFunction<String> counter) {
        return tracker.tables().stream().collect(Collectors.toMap(t -> t, counter::applyAsLong));
    }

    /** Changes of the table committed in the target per second. */
    synchronized double appliedPerSecond(String table) {
        return rate(table, Sample::applied);
    }

    /** Snapshot rows of the table committed in the target per second. */
    synchronized double snapshotRowsPerSecond(String table) {
        return rate(table, Sample::snapshotRows);
    }

    private double rate(String table, Function<Sample, Map<String, Long>> counts) {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long delta = counts.apply(last).getOrDefault(table, 0L) - counts.apply(first).getOrDefault(table, 0L);
        return delta / ((last.nanos() - first.nanos()) / 1e9);
    }
}
