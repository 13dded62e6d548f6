package io.lagzero.bench;

import java.time.Duration;
import java.util.function.LongSupplier;

/** How long something took to move a known number of rows, polled every 100 ms. */
final class SnapshotRun {
    private SnapshotRun() {
    }

    /**
     * Waits until {@code done} reaches {@code rows} or {@code limit} after {@code startNanos}
     * ({@link System#nanoTime()}) ran out; the rows done and the time since the start.
     */
    static Rate since(long startNanos, long rows, LongSupplier done, Duration limit) throws InterruptedException {
        long start = startNanos;
        long deadline = start + limit.toNanos();
        long reached;
        while ((reached = done.getAsLong()) < rows && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return new Rate(reached, Duration.ofNanos(System.nanoTime() - start), reached >= rows);
    }

    /** {@code rows} moved in {@code took}; {@code complete} false when the time limit cut it short. */
    record Rate(long rows, Duration took, boolean complete) {
        double perSecond() {
            return rows / (took.toNanos() / 1e9);
        }
    }
}
