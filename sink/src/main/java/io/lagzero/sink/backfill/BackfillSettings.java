package io.lagzero.sink.backfill;

/**
 * How the backfill copies.
 *
 * @param parallelism how many chunks are copied at once (workers, each with a source and a target connection)
 * @param chunkRows the most rows one chunk reads, holds locked on the source, and commits in the target
 * @param maxRowsPerSecond the most rows copied per second over all workers; 0 for no limit
 * @param maxThreadsRunning the source's {@code Threads_running} above which the backfill waits, as
 *     gh-ost's {@code --max-load} does; 0 for no limit
 */
public record BackfillSettings(int parallelism, int chunkRows, long maxRowsPerSecond, int maxThreadsRunning) {
    public static final int PARALLELISM_DEFAULT = 4;
    public static final int CHUNK_ROWS_DEFAULT = 5_000;
    public static final int MAX_THREADS_RUNNING_DEFAULT = 25;

    public BackfillSettings {
        if (parallelism < 1) {
            throw new IllegalArgumentException("backfill parallelism is " + parallelism + ". Fix: use 1 or more (default "
                    + PARALLELISM_DEFAULT + ")");
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("backfill chunk rows is " + chunkRows + ". Fix: use 1 or more (default "
                    + CHUNK_ROWS_DEFAULT + ")");
        }
        if (maxRowsPerSecond < 0 || maxThreadsRunning < 0) {
            throw new IllegalArgumentException("a backfill limit is negative. Fix: use 0 for no limit, or a positive number");
        }
    }

    /** No rate limit. */
    public BackfillSettings(int parallelism, int chunkRows) {
        this(parallelism, chunkRows, 0, MAX_THREADS_RUNNING_DEFAULT);
    }

    public static BackfillSettings defaults() {
        return new BackfillSettings(PARALLELISM_DEFAULT, CHUNK_ROWS_DEFAULT);
    }
}
