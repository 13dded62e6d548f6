package io.lagzero.bench;

import io.lagzero.testkit.ConnectWorker;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The highest heap use (with and without garbage) and resident set size of a JVM while sampled. */
final class MemoryPeak implements AutoCloseable {
    private final LongSupplier heap;
    private final LongSupplier retained;
    private final LongSupplier resident;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-memory");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long heapBytes;
    private volatile long retainedBytes;
    private volatile long residentBytes;

    /** The Connect worker's. */
    MemoryPeak(ConnectWorker worker) {
        this(worker::heapUsedBytes, worker::heapRetainedBytes, worker::residentBytes);
    }

    private MemoryPeak(LongSupplier heap, LongSupplier retained, LongSupplier resident) {
        this.heap = heap;
        this.retained = retained;
        this.resident = resident;
        sampler.scheduleWithFixedDelay(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    /** This JVM's: the harness's, with what it runs in-process (the Kafka broker, lagzero run's pipeline). */
    static MemoryPeak ofThisJvm() {
        return new MemoryPeak(JvmMemory::heapUsedBytes, JvmMemory::heapRetainedBytes, JvmMemory::residentBytes);
    }

    private void sample() {
        try {
            heapBytes = Math.max(heapBytes, heap.getAsLong());
            retainedBytes = Math.max(retainedBytes, retained.getAsLong());
            residentBytes = Math.max(residentBytes, resident.getAsLong());
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
