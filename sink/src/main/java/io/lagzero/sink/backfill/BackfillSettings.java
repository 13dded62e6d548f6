package io.lagzero.sink.backfill;

/**
 * How the backfill copies.
 *
 * @param parallelism how many chunks are copied at once (workers, each with a source and a target connection)
 * @param chunkRows the most rows one chunk reads, holds locked on the source, and commits in the target
 */
public record BackfillSettings(int parallelism, int chunkRows) {
    public static final int PARALLELISM_DEFAULT = 4;
    public static final int CHUNK_ROWS_DEFAULT = 5_000;

    public BackfillSettings {
        if (parallelism < 1) {
            throw new IllegalArgumentException("backfill parallelism is " + parallelism + ". Fix: use 1 or more (default "
                    + PARALLELISM_DEFAULT + ")");
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("backfill chunk rows is " + chunkRows + ". Fix: use 1 or more (default "
                    + CHUNK_ROWS_DEFAULT + ")");
        }
    }

    public static BackfillSettings defaults() {
        return new BackfillSettings(PARALLELISM_DEFAULT, CHUNK_ROWS_DEFAULT);
    }
}
