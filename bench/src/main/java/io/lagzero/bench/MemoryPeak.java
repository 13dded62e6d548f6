package io.lagzero.bench;

import io.lagzero.testkit.ConnectWorker;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The highest heap use (with and without garbage) and resident set size of the Connect worker while sampled. */
final class MemoryPeak implements AutoCloseable {
    private final ConnectWorker worker;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-memory");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long heapBytes;
    private volatile long retainedBytes;
    private volatile long residentBytes;

    MemoryPeak(ConnectWorker worker) {
        this.worker = worker;
        sampler.scheduleWithFixedDelay(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            heapBytes = Math.max(heapBytes, worker.heapUsedBytes());
            retainedBytes = Math.max(retainedBytes, worker.heapRetainedBytes());
            residentBytes = Math.max(residentBytes, worker.residentBytes());
        } catch (RuntimeException e) {
            // the worker is busy or going away; the next sample counts
        }
    }

    long heapMb() {
        return heapBytes >> 20;
    }

    /** The most heap kept after a garbage collection: what the sink needs, garbage not counted. */
    long retainedMb() {
        return retainedBytes >> 20;
    }

    long residentMb() {
        return residentBytes >> 20;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
