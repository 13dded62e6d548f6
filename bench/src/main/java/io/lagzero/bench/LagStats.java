package io.lagzero.bench;

import io.lagzero.bench.ChangeWriter.Commit;
import io.lagzero.bench.LagProbe.Sample;
import java.util.Arrays;
import java.util.List;

/**
 * End-to-end lag per change: from the source commit returning to the first probe sample that
 * shows it in the target. A change the target never showed counts with its age at {@code endMillis}
 * (so a sink that falls behind cannot look better by never applying).
 */
record LagStats(long changes, long unapplied, long p50Millis, long p99Millis, long maxMillis) {

    static LagStats of(List<Commit> commits, List<Sample> samples, long endMillis) {
        long total = commits.stream().mapToLong(Commit::changes).sum();
        long[] latencies = new long[commits.size()];
        long[] weights = new long[commits.size()];
        long unapplied = 0;
        int sample = 0;
        for (int i = 0; i < commits.size(); i++) {
            Commit commit = commits.get(i);
            while (sample < samples.size() && (samples.get(sample).atMillis() < commit.committedAtMillis()
                    || samples.get(sample).maxSeq() < commit.seq())) {
                sample++;
            }
            boolean seen = sample < samples.size();
            latencies[i] = (seen ? samples.get(sample).atMillis() : endMillis) - commit.committedAtMillis();
            weights[i] = commit.changes();
            unapplied += seen ? 0 : commit.changes();
        }
        return new LagStats(total, unapplied, percentile(latencies, weights, total, 0.50),
                percentile(latencies, weights, total, 0.99), Arrays.stream(latencies).max().orElse(0));
    }

    /** The latency below which {@code fraction} of all changes (each commit weighted by its size) fall. */
    private static long percentile(long[] latencies, long[] weights, long total, double fraction) {
        Integer[] order = new Integer[latencies.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(latencies[a], latencies[b]));
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i : order) {
            seen += weights[i];
            if (seen >= rank) {
                return latencies[i];
            }
        }
        return 0;
    }
}
