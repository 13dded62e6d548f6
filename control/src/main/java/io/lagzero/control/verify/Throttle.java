package io.lagzero.control.verify;

/** Keeps reads under {@code --max-rows-per-sec} by pausing after a chunk that got ahead; 0 is no limit. */
final class Throttle {
    private final long rowsPerSecond;
    private final long started = System.nanoTime();
    private long rows;

    Throttle(long rowsPerSecond) {
        this.rowsPerSecond = rowsPerSecond;
    }

    void pace(long rowsRead) throws InterruptedException {
        rows += rowsRead;
        if (rowsPerSecond <= 0) {
            return;
        }
        long due = started + rows * 1_000_000_000L / rowsPerSecond;
        long ahead = due - System.nanoTime();
        if (ahead > 0) {
            Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
        }
    }
}
